"""The Helm chart, checked offline: lint, render, validate against a current Kubernetes schema, and
hold it to the application it deploys (the variables it sets, the paths it probes)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from core.testing import need

REPO = Path(__file__).resolve().parent.parent
CHART = REPO / "helm" / "candour"
FIXTURES = Path(__file__).resolve().parent / "helm"
PRODUCTION_VALUES = FIXTURES / "production-values.yaml"
# The newest Kubernetes whose schemas the installed kubernetes-validate ships.
KUBERNETES_VERSION = "1.37.0"
VALUE_SETS = {"default": [], "production": [PRODUCTION_VALUES]}
POD_KINDS = {"Deployment", "Job", "CronJob"}


def missing(reason: str) -> None:
    """Stop a test that lacks a tool: a failure in CI (CI=true), a skip elsewhere."""
    need(False, reason)


def helm() -> str:
    local = REPO / ".venv" / "bin" / "helm"
    found = str(local) if local.exists() else shutil.which("helm")
    if found is None:
        missing("helm is not installed; run scripts/install-helm.sh")
    assert found is not None
    return found


def run_helm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([helm(), *args], capture_output=True, text=True, timeout=120)


def values_args(files: list[Path]) -> list[str]:
    return [arg for path in files for arg in ("--values", str(path))]


def render(files: list[Path]) -> str:
    result = run_helm(
        "template", "candour", str(CHART), "--namespace", "boards", *values_args(files)
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def manifests(files: list[Path]) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(render(files)) if doc]


def pod_spec(manifest: dict[str, Any]) -> dict[str, Any]:
    spec = manifest["spec"]
    if manifest["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return spec["template"]["spec"]


def pod_specs(docs: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for doc in docs:
        if doc["kind"] in POD_KINDS:
            yield f"{doc['kind']}/{doc['metadata']['name']}", pod_spec(doc)


def component(doc: dict[str, Any]) -> str:
    return doc["metadata"].get("labels", {}).get("app.kubernetes.io/component", "")


def only(docs: list[dict[str, Any]], kind: str, of: str = "web") -> dict[str, Any]:
    """The one object of `kind`; Deployments and autoscalers are the web's unless `of` says."""
    found = [
        doc
        for doc in docs
        if doc["kind"] == kind
        and (kind not in {"Deployment", "HorizontalPodAutoscaler"} or component(doc) == of)
    ]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


@pytest.mark.parametrize("value_set", VALUE_SETS)
def test_chart_passes_strict_lint(value_set: str) -> None:
    result = run_helm("lint", "--strict", str(CHART), *values_args(VALUE_SETS[value_set]))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("value_set", VALUE_SETS)
def test_rendered_chart_is_valid_for_current_kubernetes(value_set: str) -> None:
    rendered = render(VALUE_SETS[value_set])
    result = subprocess.run(
        [sys.executable, "-m", "kubernetes_validate", "--strict", "-k", KUBERNETES_VERSION, "-"],
        input=rendered,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # An unknown kind is only a warning to kubernetes-validate; here it means an unchecked manifest.
    assert "WARN" not in result.stdout, result.stdout
    kinds = {doc["kind"] for doc in yaml.safe_load_all(rendered) if doc}
    assert result.stdout.count(" passed for resource ") == len(
        [doc for doc in yaml.safe_load_all(rendered) if doc]
    )
    assert kinds >= {
        "Deployment",
        "Service",
        "Ingress",
        "ConfigMap",
        "Job",
        "CronJob",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "ServiceAccount",
    }


@pytest.mark.parametrize("bad_values", sorted(FIXTURES.glob("bad-*.yaml")), ids=lambda p: p.stem)
def test_values_breaking_the_schema_are_refused(bad_values: Path) -> None:
    for command in (["template", "candour"], ["lint", "--strict"]):
        result = run_helm(*command, str(CHART), "--values", str(bad_values))
        assert result.returncode != 0, f"helm {command[0]} accepted {bad_values.name}"
        assert "don't meet the specifications of the schema" in result.stdout + result.stderr


def test_a_tenant_host_listed_twice_is_refused(tmp_path: Path) -> None:
    values = tmp_path / "twice.yaml"
    values.write_text(
        "ingress:\n  tenantHosts:\n"
        "    - {host: scr.salford.gov.uk, tenant: salford}\n"
        "    - {host: scr.salford.gov.uk, tenant: trafford}\n"
    )
    result = run_helm("template", "candour", str(CHART), "--values", str(values))
    assert result.returncode != 0
    assert "scr.salford.gov.uk is listed twice" in result.stderr


@pytest.mark.parametrize("value_set", VALUE_SETS)
def test_every_variable_the_chart_sets_is_read_by_the_app(value_set: str) -> None:
    from core.config import ENV_VARS

    read_by_app = {var.name for var in ENV_VARS}
    docs = manifests(VALUE_SETS[value_set])
    config_maps = {
        doc["metadata"]["name"]: doc["data"] for doc in docs if doc["kind"] == "ConfigMap"
    }
    for where, spec in pod_specs(docs):
        for container in spec["containers"]:
            names = {entry["name"] for entry in container.get("env", [])}
            for source in container.get("envFrom", []):
                assert set(source) == {"configMapRef"}, f"{where}: unexpected envFrom {source}"
                names |= set(config_maps[source["configMapRef"]["name"]])
            assert names <= read_by_app, f"{where} sets variables the app never reads"
            required = {"CANDOUR_ENV", "CANDOUR_DATABASE_URL", "CANDOUR_SECRET_KEY"}
            assert required | {"CANDOUR_ENCRYPTION_KEYS"} <= names, where


def secret_refs(container: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {
        entry["name"]: entry["valueFrom"]["secretKeyRef"]
        for entry in container["env"]
        if "valueFrom" in entry
    }


def test_secrets_come_only_from_existing_secrets() -> None:
    docs = manifests([PRODUCTION_VALUES])
    assert not [doc for doc in docs if doc["kind"] == "Secret"]
    app_secrets = {
        "CANDOUR_DATABASE_URL": {"name": "candour-database", "key": "url"},
        "CANDOUR_SECRET_KEY": {"name": "candour-app", "key": "secret-key"},
        "CANDOUR_ENCRYPTION_KEYS": {"name": "candour-app", "key": "encryption-keys"},
        "CANDOUR_REDIS_URL": {"name": "candour-redis", "key": "url"},
        "CANDOUR_SMTP_URL": {"name": "candour-mail", "key": "smtp-url"},
    }
    for where, spec in pod_specs(docs):
        (container,) = spec["containers"]
        expected = dict(app_secrets)
        if where.startswith("Job/"):
            # Only the migrations connect as the role that owns the schema.
            expected["CANDOUR_DATABASE_URL"] = {"name": "candour-database-owner", "key": "url"}
        assert secret_refs(container) == expected, where


def probe_paths(docs: list[dict[str, Any]]) -> dict[str, str]:
    (container,) = pod_spec(only(docs, "Deployment"))["containers"]
    return {
        kind: container[kind]["httpGet"]["path"]
        for kind in ("startupProbe", "livenessProbe", "readinessProbe")
    }


def test_deployment_probes_liveness_on_healthz_and_readiness_on_readyz() -> None:
    assert probe_paths(manifests([])) == {
        "startupProbe": "/healthz",
        "livenessProbe": "/healthz",
        "readinessProbe": "/readyz",
    }


def assert_app_serves(paths: set[str]) -> None:
    from core import create_app

    app = create_app({"ENV": "test", "DATABASE_URL": "sqlite://"})
    rules = {rule.rule: rule.endpoint for rule in app.url_map.iter_rules()}
    adapter = app.url_map.bind("localhost")
    for path in paths:
        assert path in rules, f"the app has no route {path}"
        endpoint, _ = adapter.match(path, method="GET")
        assert endpoint == rules[path], f"{path} is answered by {endpoint}, not its own view"


def test_probe_paths_exist_in_the_app() -> None:
    assert_app_serves(set(probe_paths(manifests([])).values()))


def test_scrape_annotation_points_at_the_metrics_endpoint() -> None:
    deployment = only(manifests([]), "Deployment")
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(
        pod_spec(deployment)["containers"][0]["ports"][0]["containerPort"]
    )
    assert_app_serves({annotations["prometheus.io/path"]})


@pytest.mark.parametrize("value_set", VALUE_SETS)
def test_every_pod_runs_non_root_on_a_read_only_root_with_a_writable_tmp(value_set: str) -> None:
    for where, spec in pod_specs(manifests(VALUE_SETS[value_set])):
        assert spec["securityContext"]["runAsNonRoot"] is True, where
        assert spec["securityContext"]["runAsUser"] != 0, where
        volumes = {volume["name"]: volume for volume in spec["volumes"]}
        for container in spec["containers"]:
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, where
            assert security["allowPrivilegeEscalation"] is False, where
            assert security["capabilities"]["drop"] == ["ALL"], where
            (tmp,) = [mount for mount in container["volumeMounts"] if mount["mountPath"] == "/tmp"]
            assert "emptyDir" in volumes[tmp["name"]], where
            assert container["resources"]["requests"], where


def test_migrations_run_before_install_and_upgrade_without_release_resources() -> None:
    # A pre-install hook runs before the release's own objects exist, so it must not need them.
    job = only(manifests([PRODUCTION_VALUES]), "Job")
    assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    spec = pod_spec(job)
    (container,) = spec["containers"]
    assert container["args"] == ["candour", "db", "upgrade"]
    assert "serviceAccountName" not in spec
    assert "envFrom" not in container


def test_housekeeping_runs_on_schedules_one_run_at_a_time() -> None:
    cronjobs = [doc for doc in manifests([]) if doc["kind"] == "CronJob"]
    commands = {tuple(pod_spec(job)["containers"][0]["args"]) for job in cronjobs}
    assert commands == {
        ("candour", "reviews", "due"),
        ("candour", "reports", "clean-orphans"),
    }
    assert all(job["spec"]["concurrencyPolicy"] == "Forbid" for job in cronjobs)
    assert all(len(job["metadata"]["name"]) <= 52 for job in cronjobs)


def test_workers_run_as_their_own_deployment_with_probes_and_an_autoscaler() -> None:
    docs = manifests([PRODUCTION_VALUES])
    worker = only(docs, "Deployment", of="worker")
    (container,) = pod_spec(worker)["containers"]
    assert container["args"][:2] == ["candour", "worker"]
    assert container["livenessProbe"]["exec"]["command"] == ["candour", "worker", "--check"]
    assert container["resources"]["requests"] and container["resources"]["limits"]
    assert "replicas" not in worker["spec"]
    hpa = only(docs, "HorizontalPodAutoscaler", of="worker")
    assert hpa["spec"]["scaleTargetRef"]["name"] == worker["metadata"]["name"]
    web = only(docs, "Deployment")
    assert web["metadata"]["name"] != worker["metadata"]["name"]
    assert pod_spec(worker)["containers"][0]["envFrom"] == pod_spec(web)["containers"][0]["envFrom"]


def test_the_worker_probe_command_exists() -> None:
    from core import create_app

    app = create_app({"ENV": "test", "DATABASE_URL": "sqlite://"})
    worker = app.cli.get_command(None, "worker")  # type: ignore[arg-type]
    assert worker is not None and "--check" in {o for p in worker.params for o in p.opts}


def test_ingress_serves_the_platform_and_every_tenant_host_over_tls() -> None:
    values = yaml.safe_load(PRODUCTION_VALUES.read_text())
    expected = {values["platformHost"]} | {h["host"] for h in values["ingress"]["tenantHosts"]}
    ingress = only(manifests([PRODUCTION_VALUES]), "Ingress")
    assert {rule["host"] for rule in ingress["spec"]["rules"]} == expected
    tls_hosts = [host for entry in ingress["spec"]["tls"] for host in entry["hosts"]]
    assert sorted(tls_hosts) == sorted(expected)
    assert all(entry["secretName"] for entry in ingress["spec"]["tls"])


def test_the_app_believes_forwarded_addresses_only_from_the_ingress() -> None:
    from core.proxies import parse_networks

    docs = manifests([PRODUCTION_VALUES])
    data = next(doc["data"] for doc in docs if doc["kind"] == "ConfigMap")
    assert parse_networks(data["CANDOUR_TRUSTED_PROXIES"])


def test_autoscaler_owns_the_replica_count() -> None:
    docs = manifests([PRODUCTION_VALUES])
    assert "replicas" not in only(docs, "Deployment")["spec"]
    hpa = only(docs, "HorizontalPodAutoscaler")
    assert hpa["spec"]["scaleTargetRef"]["name"] == only(docs, "Deployment")["metadata"]["name"]
    assert hpa["spec"]["minReplicas"] == 3


def test_service_account_carries_the_cloud_identity_annotation() -> None:
    account = only(manifests([PRODUCTION_VALUES]), "ServiceAccount")
    assert account["metadata"]["annotations"] == {
        "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/candour-reports"
    }
    web = pod_spec(only(manifests([PRODUCTION_VALUES]), "Deployment"))
    assert web["serviceAccountName"] == account["metadata"]["name"]


# Keys whose children are Kubernetes fields; the parent's comment covers them.
FREE_FORM = {
    "resources",
    "liveness",
    "readiness",
    "startup",
    "topologySpread",
    "allowFrom",
    "egressRules",
    "podSecurityContext",
    "securityContext",
}
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z][\w.-]*):")


def test_values_file_documents_every_value() -> None:
    undocumented = []
    parents: list[tuple[int, str]] = []
    previous = ""
    for number, line in enumerate((CHART / "values.yaml").read_text().splitlines(), start=1):
        match = KEY_LINE.match(line)
        if match:
            indent = len(match["indent"])
            parents = [(depth, key) for depth, key in parents if depth < indent]
            covered = any(key in FREE_FORM for _, key in parents)
            if not covered and not previous.lstrip().startswith("#"):
                undocumented.append(f"line {number}: {match['key']}")
            parents.append((indent, match["key"]))
        if line.strip():
            previous = line
    assert not undocumented, undocumented


def _install_helm(venv: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(REPO / "scripts" / "install-helm.sh")],
        env={**os.environ, "VENV": str(venv)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _pinned_helm_version() -> str:
    script = (REPO / "scripts" / "install-helm.sh").read_text()
    match = re.search(r'^HELM_VERSION="(v[0-9.]+)"', script, re.M)
    assert match, "install-helm.sh pins no helm version"
    return match.group(1)


def test_install_helm_script_keeps_a_binary_of_the_pinned_version(tmp_path: Path) -> None:
    fake = tmp_path / "bin" / "helm"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\necho {_pinned_helm_version()}+g0000000\n")
    fake.chmod(0o755)
    before = fake.read_text()
    result = _install_helm(tmp_path)
    assert result.returncode == 0, result.stderr
    assert fake.read_text() == before
    assert result.stdout == ""


def test_install_helm_script_replaces_a_binary_of_another_version(tmp_path: Path) -> None:
    fake = tmp_path / "bin" / "helm"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho v0.0.0\n")
    fake.chmod(0o755)
    result = _install_helm(tmp_path)
    assert result.returncode == 0, result.stderr
    version = subprocess.run([str(fake), "version", "--short"], capture_output=True, text=True)
    assert version.stdout.startswith(_pinned_helm_version() + "+"), version.stdout
