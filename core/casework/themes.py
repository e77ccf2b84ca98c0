"""Learning themes: a fixed list held by the platform (after the Safeguarding Case Review Tracker's
and SCIE's taxonomies), which a board may add to; chosen on a review from the start and carried to
the published report. Changes go through here: check, change, timeline and audit, one transaction."""

from __future__ import annotations

from sqlalchemy import select

from core import db
from core.casework.common import ListEntryName, add_to_list, list_key
from core.casework.models import BoardTheme, ReviewTheme
from core.reviews.context import Actor, ReviewConflict, ReviewError
from core.reviews.models import Review
from core.reviews.services import log_event, require_manager
from core.tenancy.models import Tenant

PLATFORM_THEMES: tuple[tuple[str, str], ...] = (
    ("neglect", "Neglect"),
    ("domestic-abuse", "Domestic abuse"),
    ("parental-mental-health", "Parental mental health"),
    ("substance-misuse", "Parental substance misuse"),
    ("child-sexual-exploitation", "Child sexual exploitation"),
    ("child-criminal-exploitation", "Child criminal exploitation"),
    ("online-harm", "Online harm"),
    ("safe-sleep", "Safe sleep"),
    ("non-accidental-injury", "Non-accidental injury"),
    ("self-harm-suicide", "Self-harm and suicide"),
    ("professional-curiosity", "Professional curiosity"),
    ("information-sharing", "Information sharing"),
    ("escalation", "Escalation and challenge"),
    ("voice-of-the-child", "The voice of the child"),
    ("race-ethnicity-culture", "Race, ethnicity and culture"),
    ("disability", "Disability and additional needs"),
    ("transitions", "Transition to adult services"),
    ("hidden-men", "Fathers and men in the household"),
    ("self-neglect", "Self-neglect"),
    ("mental-capacity", "Mental capacity"),
)
PLATFORM_KEYS = {k for k, _ in PLATFORM_THEMES}
THEME_NAME = ListEntryName(
    "label",
    missing="Enter the theme, like Exploitation through county lines.",
    too_long="Keep a theme to 200 characters.",
)


def available() -> list[tuple[str, str]]:
    """The platform's themes, then the board's own active ones."""
    own = db.session.scalars(
        select(BoardTheme).where(BoardTheme.active.is_(True)).order_by(BoardTheme.label)
    )
    return [*PLATFORM_THEMES, *((t.key, t.label) for t in own)]


def add_board_theme(tenant: Tenant, actor: Actor, label: str) -> BoardTheme:
    require_manager(actor)
    label = THEME_NAME.clean(label)
    key = "board-" + list_key(label, 50, "theme")
    taken = {lbl.lower() for _k, lbl in available()}
    if label.lower() in taken or db.session.scalar(
        select(BoardTheme.id).where(BoardTheme.key == key)
    ):
        raise ReviewConflict({"label": f"The list already has “{label}”."})
    return add_to_list(actor, BoardTheme(key=key, label=label), "theme")


def chosen(review: Review) -> list[ReviewTheme]:
    return db.rows(ReviewTheme, ReviewTheme.review_id == review.id, order_by=(ReviewTheme.id,))


def labels(review: Review) -> list[str]:
    return [t.label for t in chosen(review)]


def choose(tenant: Tenant, actor: Actor, review: Review, keys: list[str]) -> list[ReviewTheme]:
    """Set the review's learning themes to `keys` (from the platform's list or the board's own)."""
    require_manager(actor)
    offered = dict(available())
    unknown = [k for k in keys if k not in offered]
    if unknown:
        raise ReviewError({"themes": "Choose themes from the list."})
    if len(set(keys)) > 20:
        raise ReviewError({"themes": "Choose up to 20 themes."})
    current = {t.key: t for t in chosen(review)}
    wanted = list(dict.fromkeys(keys))
    for key, theme in current.items():
        if key not in wanted:
            db.session.delete(theme)
    added = [
        ReviewTheme(review_id=review.id, key=k, label=offered[k])
        for k in wanted
        if k not in current
    ]
    db.session.add_all(added)
    db.session.flush()
    if added or set(current) - set(wanted):
        log_event(
            review,
            actor,
            "themes_chosen",
            "Learning themes: " + (", ".join(offered[k] for k in wanted) or "none") + ".",
            {"themes": wanted},
        )
    return chosen(review)
