"""The issue's wording, checked where staff read it: nothing a Safeguarding Adults Review says
speaks of a child; the 2015 and Welsh frameworks never suggest notifying the Child Safeguarding
Practice Review Panel (which did not exist in 2015 and has no part in Wales), and the Welsh ones
never Ofsted."""

from __future__ import annotations

import html
import re

import pytest
from walks_support import STEPS

from core.plugins import get_host
from core.testing import csrf_token, sign_in

PANEL = "Child Safeguarding Practice Review Panel"
JURISDICTION = {
    "scr-2015": "england",
    "wales-cpr": "wales",
    "wales-susr": "wales",
    "sar": "england",
}


def _text(page: str) -> str:
    # The new-review form's list of frameworks names the others that apply where the board is (a
    # children's review among them): those are their names, not what this framework says.
    page = re.sub(r'<select[^>]*name="framework".*?</select>', "", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _declared(app, key: str) -> list[str]:
    with app.app_context():
        fw = get_host().frameworks[key][1]
    texts = [s.label for s in fw.stages] + [t.label + " " + t.hint for t in fw.transitions]
    texts += [r.label for r in fw.obligations] + [f.label + " " + f.hint for f in fw.fields]
    texts += [label + " " + hint for label, hint in fw.field_text.values()]
    texts += [s.label + " " + s.help for s in fw.settings.settings]
    return texts


def _walk(client, slug: str, framework: str, pseudonym: str) -> list[str]:
    """Every page a manager reads walking a review to its final report: the new-review form, each
    step's form, the review and its details form."""
    sign_in(client, slug, f"manager@{slug}.example")
    new = client.get(f"/{slug}/reviews/new").get_data(as_text=True)
    opened = client.post(
        f"/{slug}/reviews/new",
        data={"csrf_token": csrf_token(client, f"/{slug}/reviews/new"), "reference": "R-1",
              "pseudonym": pseudonym, "framework": framework, "aware_on": "2025-04-01"},
    )  # fmt: skip
    assert opened.status_code == 302, opened.get_data(as_text=True)
    url = opened.headers["Location"]
    pages = [new]
    steps = STEPS.get(framework) or []
    for key, values in steps:
        form = client.get(f"{url}/step/{key}")
        pages.append(form.get_data(as_text=True))
        done = client.post(
            f"{url}/step/{key}",
            data={"csrf_token": csrf_token(client, f"{url}/step/{key}"), **values},
        )
        assert done.status_code == 302, (key, done.get_data(as_text=True))
    review = client.get(url).get_data(as_text=True)
    pages.append(review)
    # Every step open from where the review stands.
    for key in sorted(set(re.findall(r"/step/([a-z_]+)", review))):
        pages.append(client.get(f"{url}/step/{key}").get_data(as_text=True))
    pages.append(client.get(f"{url}/edit").get_data(as_text=True))
    return [_text(p) for p in pages]


@pytest.mark.parametrize("framework", ["scr-2015", "wales-cpr", "wales-susr"])
def test_the_2015_and_welsh_frameworks_never_suggest_the_national_panel(
    app, client, make_tenant, make_user, framework
):
    slug = framework.replace("-", "")
    tenant = make_tenant(slug, framework=framework, jurisdiction=JURISDICTION[framework])
    make_user(f"manager@{slug}.example", tenant, "review_manager")
    texts = _walk(client, slug, framework, "Child A") + _declared(app, framework)
    assert not [t for t in texts if PANEL in t]
    if framework.startswith("wales"):
        assert not [t for t in texts if "Ofsted" in t]


def test_nothing_a_sar_says_in_the_staff_pages_speaks_of_a_child(
    app, client, make_tenant, make_user
):
    tenant = make_tenant("ashdown", framework="sar", jurisdiction="england")
    make_user("manager@ashdown.example", tenant, "review_manager")
    texts = _walk(client, "ashdown", "sar", "Adult A") + _declared(app, "sar")
    found = [m for t in texts for m in re.findall(r".{0,40}\bchild.{0,40}", t, re.IGNORECASE)]
    assert not found
    family = _text(client.get("/ashdown/en/").get_data(as_text=True))
    assert "person at the centre of the review" in family
    assert not re.search(r"\bchild", family, re.IGNORECASE)


def test_a_board_opens_reviews_only_under_frameworks_that_apply_where_it_is(
    client, make_tenant, make_user
):
    tenant = make_tenant("ashdown", framework="sar", jurisdiction="england")
    make_user("manager@ashdown.example", tenant, "review_manager")
    sign_in(client, "ashdown", "manager@ashdown.example")
    form = client.get("/ashdown/reviews/new").get_data(as_text=True)
    offered = set(re.findall(r'<option[^>]*value="([a-z0-9-]+)"', form))
    assert {"sar", "dardr", "lcspr-2023"} <= offered
    assert not offered & {"wales-susr", "wales-cpr"}
    refused = client.post(
        "/ashdown/reviews/new",
        data={"csrf_token": csrf_token(client, "/ashdown/reviews/new"), "reference": "R-1",
              "pseudonym": "Adult A", "framework": "wales-susr", "aware_on": "2025-04-01"},
    )  # fmt: skip
    assert refused.status_code == 400
