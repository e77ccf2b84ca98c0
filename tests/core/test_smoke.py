def test_family_page_of_a_demo_board_names_the_board(client, demo_tenants):
    response = client.get("/salford/en/")
    assert response.status_code == 200
    assert "Salford Safeguarding Children Board" in response.get_data(as_text=True)
