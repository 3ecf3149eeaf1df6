"""First look: log in, upload, see the review page."""


def test_login_upload_review(client, auth, uploaded):
    doc_id, vid = uploaded
    auth.login("reviewer")
    page = client.get(f"/versions/{vid}/review")
    assert page.status_code == 200
    html = page.data.decode()
    assert "身份证号" in html and "530102198703150012" in html
