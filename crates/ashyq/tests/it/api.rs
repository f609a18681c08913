//! The JSON moderation API: bearer tokens from the account page, roles, and the documented shapes.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{Browser, TestApp};

const PASSWORD: &str = "steppe wind over the river";

/// A new API token for `email`, with "read" or "write" access.
pub(crate) fn token_for(app: &TestApp, email: &str, access: &str) -> String {
    let mut browser = Browser::new(app);
    assert_eq!(browser.login(email, PASSWORD).status, 303);
    let page =
        browser.post("/account/tokens", &[("label", "test integration"), ("access", access)]);
    assert_eq!(page.status, 200);
    let start = page.body.find("id=\"new-token\">").expect("the token is shown once")
        + "id=\"new-token\">".len();
    page.body[start..start + "ashyq_api_".len() + 64].to_owned()
}

pub(crate) fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into();
    let url = format!("{}{path}", app.base);
    let authorization = token.map(|token| format!("Bearer {token}")).unwrap_or_default();
    let mut response = if method == "GET" {
        let mut request = agent.get(&url);
        if token.is_some() {
            request = request.header("authorization", &authorization);
        }
        request.call().unwrap()
    } else {
        let mut request = agent.post(&url).header("content-type", "application/json");
        if token.is_some() {
            request = request.header("authorization", &authorization);
        }
        request.send(serde_json::to_vec(&body.unwrap_or(json!({}))).unwrap().as_slice()).unwrap()
    };
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[test]
fn moderators_work_the_queue_through_the_api_with_a_token() {
    let app = TestApp::with_demo();
    app.add_user("mod@example.org", "Mira Moderator", "moderator", PASSWORD);
    app.add_user("author@example.org", "Aigerim Author", "author", PASSWORD);
    let mut reader = Browser::new(&app);
    reader.get("/articles/reading-us-when-blocked");
    let started =
        (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
            - 30)
            .to_string();
    let posted = reader.post(
        "/articles/reading-us-when-blocked/comments",
        &[("name", "Api Reader"), ("body", "Posted for the API test."), ("form_started", &started)],
    );
    assert_eq!(posted.status, 303);

    let (status, body) = call(&app, "GET", "/api/v1/moderation/comments", None, None);
    assert_eq!(status, 401);
    assert_eq!(body["error"], "unauthorized");

    let author = token_for(&app, "author@example.org", "write");
    let (status, _) = call(&app, "GET", "/api/v1/moderation/comments", Some(&author), None);
    assert_eq!(status, 403, "an author's token does not open the queue");

    let token = token_for(&app, "mod@example.org", "write");
    let (status, queue) =
        call(&app, "GET", "/api/v1/moderation/comments?status=pending", Some(&token), None);
    assert_eq!(status, 200);
    let comment = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|comment| comment["author_name"] == "Api Reader")
        .unwrap();
    assert_eq!(comment["text"], "Posted for the API test.");
    assert_eq!(comment["status"], "pending");
    assert!(comment["findings"].is_array());
    let id = comment["id"].as_i64().unwrap();
    // The label filter takes the screen's labels; another word is refused, saying which are.
    let (status, body) =
        call(&app, "GET", "/api/v1/moderation/comments?label=rude", Some(&token), None);
    assert_eq!(status, 400);
    assert_eq!(body["error"], "bad-label");
    assert!(body["message"].as_str().unwrap().contains("duplicate"), "{body}");
    let (status, spam) =
        call(&app, "GET", "/api/v1/moderation/comments?label=spam", Some(&token), None);
    assert_eq!(status, 200);
    assert!(spam.as_array().unwrap().iter().all(|c| c["author_name"] != "Api Reader"));

    let (status, body) = call(
        &app,
        "POST",
        "/api/v1/moderation/decisions",
        Some(&token),
        Some(json!({ "comments": [{ "id": id, "version": 1 }], "action": "dance" })),
    );
    assert_eq!(status, 422);
    assert_eq!(body["error"], "unknown-action");
    assert_eq!(comment["version"], 1);
    let (status, body) = call(
        &app,
        "POST",
        "/api/v1/moderation/decisions",
        Some(&token),
        Some(json!({ "comments": [{ "id": id, "version": 1 }], "action": "approve" })),
    );
    assert_eq!(status, 200);
    assert_eq!(body["changed"], 1);
    assert!(app.page("/articles/reading-us-when-blocked").contains("Posted for the API test."));

    let (_, actions) = call(&app, "GET", "/api/v1/moderation/actions", Some(&token), None);
    let action = actions.as_array().unwrap().first().unwrap().clone();
    assert_eq!(action["comment_id"], id);
    assert_eq!(action["action"], "approve");
    let (status, body) = call(
        &app,
        "POST",
        &format!("/api/v1/moderation/actions/{}/undo", action["id"]),
        Some(&token),
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(body["undone"], true);
    assert!(!app.page("/articles/reading-us-when-blocked").contains("Posted for the API test."));

    let (status, spec) = call(&app, "GET", "/api/v1/openapi.json", None, None);
    assert_eq!(status, 200);
    assert_eq!(spec["openapi"], "3.1.0");
    for path in [
        "/moderation/comments",
        "/moderation/decisions",
        "/moderation/actions",
        "/moderation/actions/{id}/undo",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} is documented");
    }
}
