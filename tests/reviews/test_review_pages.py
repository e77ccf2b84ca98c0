"""The staff pages: a review manager runs a review in the browser; roles and boards are kept apart."""

from __future__ import annotations

import re

from reviews_support import open_review, post_form

from core.testing import sign_in

# What a rapid review records besides its date (the national Panel's guidance).
RAPID_REVIEW = {
    "key_practice_episodes": "Three episodes of health and school contact",
    "inequalities": "How language and poverty shaped the family's contact with services",
}


def test_a_review_manager_runs_a_review_through_the_pages(client, board):
    b = board("lcspr-2023", slug="northmoor")
    sign_in(client, "northmoor", "manager@northmoor.example")
    location = open_review(client, "northmoor")
    page = client.get(location).get_data(as_text=True)
    assert "Notify the national Panel" in page
    assert "Record the notification to the national Panel" in page
    review_url = location
    steps = [
        ("notify", {"notified_on": "2025-03-05", "notified_to": "National Panel"}),
        ("rapid_review_sent", {"rapid_review_on": "2025-03-20", **RAPID_REVIEW}),
        ("decide_local", {"decision_on": "2025-03-28", "decision_rationale": "Learning"}),
        ("draft", {"draft_on": "2025-07-01"}),
        (
            "finalise",
            {
                "final_on": "2025-08-01",
                "planned_publication_on": "2025-09-01",
                "publication_decision": "full",
            },
        ),
    ]
    for key, data in steps:
        response = post_form(client, f"{review_url}/step/{key}", data)
        assert response.status_code == 302, (key, response.get_data(as_text=True))
    # Publication is not a bare step: the report section publishes the checked report itself.
    assert client.get(f"{review_url}/step/publish").status_code == 404
    page = client.get(review_url).get_data(as_text=True)
    assert "Tell the family before publication" in page
    for label in ("Tell the family before publication", "The lead reviewer meets the family"):
        ob_id = re.search(rf'obligations/(\d+)">{label}', page).group(1)
        done = post_form(
            client, f"{review_url}/obligations/{ob_id}", {"action": "met", "met_on": "2025-08-15"}
        )
        assert done.status_code == 302
    page = client.get(review_url).get_data(as_text=True)
    assert "Publish the final report" in page or "Upload" in page
    assert b["tenant"].slug == "northmoor"


def test_a_form_explains_what_is_wrong(client, board):
    board("lcspr-2023", slug="northmoor")
    sign_in(client, "northmoor", "manager@northmoor.example")
    response = post_form(
        client,
        "/northmoor/reviews/new",
        {
            "reference": "",
            "pseudonym": "Child A",
            "framework": "lcspr-2023",
            "aware_on": "31/02/2025",
        },
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in text
    assert "Enter the review&#39;s reference" in text or "Enter the review's reference" in text
    assert "Enter a real date" in text


def test_the_dashboard_shows_what_is_due_this_week_and_exports_csv(client, board):
    board("lcspr-2023", slug="northmoor")
    sign_in(client, "northmoor", "manager@northmoor.example")
    open_review(client, "northmoor")
    page = client.get("/northmoor/reviews/").get_data(as_text=True)
    assert "Due this week" in page and "CR-1" in page
    assert "Notify the national Panel" in page  # long missed: 2025-03-10
    csv = client.get("/northmoor/reviews/export.csv")
    assert csv.mimetype == "text/csv"
    assert "CR-1" in csv.get_data(as_text=True)


def test_search_treats_percent_and_underscore_as_letters(app, board, as_role, client):
    from reviews_support import d

    from core.reviews import services
    from core.testing import sign_in

    b = board("lcspr-2023", slug="board-a")

    def make(t, a):
        services.create_review(
            t, a, reference="CR_7", pseudonym="Child A", aware_on=d("2025-03-03")
        )
        services.create_review(
            t, a, reference="CR-8", pseudonym="Child B", aware_on=d("2025-03-03")
        )

    as_role(b["tenant"], b["manager"], "review_manager", make)
    sign_in(client, "board-a", "manager@board-a.example")
    underscore = client.get("/board-a/reviews/?q=_").get_data(as_text=True)
    assert "CR_7" in underscore and "CR-8" not in underscore
    percent = client.get("/board-a/reviews/?q=%25").get_data(as_text=True)
    assert "CR_7" not in percent and "CR-8" not in percent
