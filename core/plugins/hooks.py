"""One board's hooks, typed: a method for each hook the core calls per board, dispatched as the hook's
spec declares (`core.hookspecs.Dispatch`). A misspelt hook or a wrong argument fails in mypy, and
`tests/core/test_hook_dispatch.py` checks that every method matches its spec."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core import hookspecs

if TYPE_CHECKING:
    from core.plugin_api import (
        Branding,
        GuardHit,
        IdentifierView,
        ObligationView,
        PageFragment,
        ReviewView,
        TenantView,
        TextPart,
    )
    from core.plugins.manager import TenantPlugins


class BoardHooks:
    """`tenant_plugins(tenant).hooks`: the hooks of the plugins one board has enabled."""

    def __init__(self, plugins: TenantPlugins) -> None:
        self._plugins = plugins

    # -- look and layout

    def branding(self, *, tenant: TenantView) -> tuple[str, Branding] | None:
        return self._plugins.first(hookspecs.branding, tenant=tenant)

    def page_fragments(
        self, *, tenant: TenantView, locale: str, page: str
    ) -> list[tuple[str, list[PageFragment]]]:
        return self._plugins.each(hookspecs.page_fragments, tenant=tenant, locale=locale, page=page)

    # -- review tracking

    def review_created(self, *, tenant: TenantView, review: ReviewView, actor_email: str) -> None:
        self._plugins.each(
            hookspecs.review_created, tenant=tenant, review=review, actor_email=actor_email
        )

    def review_stage_changed(
        self,
        *,
        tenant: TenantView,
        review: ReviewView,
        from_stage: str,
        to_stage: str,
        actor_email: str,
    ) -> None:
        self._plugins.each(
            hookspecs.review_stage_changed,
            tenant=tenant,
            review=review,
            from_stage=from_stage,
            to_stage=to_stage,
            actor_email=actor_email,
        )

    def review_obligation_changed(
        self,
        *,
        tenant: TenantView,
        review: ReviewView,
        obligation: ObligationView,
        change: str,
        actor_email: str,
    ) -> None:
        self._plugins.each(
            hookspecs.review_obligation_changed,
            tenant=tenant,
            review=review,
            obligation=obligation,
            change=change,
            actor_email=actor_email,
        )

    def review_deadline_missed(
        self, *, tenant: TenantView, review: ReviewView, obligation: ObligationView
    ) -> None:
        self._plugins.each(
            hookspecs.review_deadline_missed, tenant=tenant, review=review, obligation=obligation
        )

    # -- publication

    def check_report(
        self,
        *,
        tenant: TenantView,
        review: ReviewView,
        text_pages: list[str],
        metadata: dict[str, str],
        identifiers: list[IdentifierView],
        parts: list[TextPart],
    ) -> list[tuple[str, list[GuardHit] | None, str]]:
        answers: list[tuple[str, Any, str]] = self._plugins.answers(
            hookspecs.check_report,
            tenant=tenant,
            review=review,
            text_pages=text_pages,
            metadata=metadata,
            identifiers=identifiers,
            parts=parts,
        )
        return answers
