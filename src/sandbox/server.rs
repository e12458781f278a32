//! The HTTP side: routes, request bodies as teloxide sends them, and Bot API
//! responses.
//!
//! teloxide sends `POST /bot{token}/{method}` with either a JSON body or,
//! for methods that can upload files, `multipart/form-data` in which every
//! parameter is a text field (nested objects JSON-encoded) and each file is a
//! part referred to as `attach://{part name}`. Query strings and
//! url-encoded forms are accepted as well.

use std::{fmt, sync::Arc};

use axum::{
    Router,
    extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::{any, get},
};
use serde_json::{Map, Value, json};
use tokio::{net::TcpListener, sync::oneshot};

use super::{Activity, Call, Sandbox, Shared, UploadedFile, methods};

/// Telegram's upload limit for bots.
const MAX_BODY: usize = 50 * 1024 * 1024;

pub(super) fn spawn(listener: TcpListener, shared: Arc<Shared>, shutdown: oneshot::Receiver<()>) {
    let app = Router::new()
        .route("/{bot}/{method}", any(handle_method))
        .route("/file/{bot}/{*path}", get(handle_file))
        .fallback(|| async { ApiError::not_found("Not Found").into_response() })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(shared);
    tokio::spawn(async move {
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            // Resolves when the last `Sandbox` handle is dropped.
            let _ = shutdown.await;
        });
        if let Err(error) = server.await {
            tracing::warn!(%error, "sandbox Bot API server failed");
        }
    });
}

/// A Bot API error, answered as `{"ok":false,"error_code":..,"description":..}`.
#[derive(Debug)]
pub(super) struct ApiError {
    status: StatusCode,
    pub(super) description: String,
}

impl ApiError {
    /// `400 Bad Request: {what}`.
    pub(super) fn bad_request(what: impl fmt::Display) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            description: format!("Bad Request: {what}"),
        }
    }

    pub(super) fn chat_not_found() -> Self {
        Self::bad_request("chat not found")
    }

    pub(super) fn not_found(description: &str) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            description: description.to_owned(),
        }
    }

    pub(super) fn conflict(what: &str) -> Self {
        Self {
            status: StatusCode::CONFLICT,
            description: format!("Conflict: {what}"),
        }
    }

    fn unauthorized() -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            description: "Unauthorized".to_owned(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({
            "ok": false,
            "error_code": self.status.as_u16(),
            "description": self.description,
        });
        json_response(self.status, &body)
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

async fn handle_method(
    State(shared): State<Arc<Shared>>,
    Path((bot, method)): Path<(String, String)>,
    request: Request,
) -> Response {
    let Some(token) = bot.strip_prefix("bot") else {
        return ApiError::not_found("Not Found").into_response();
    };
    let token_ok = token == Sandbox::TOKEN;
    let parsed = read_params(request).await;
    let (params, parse_error) = match parsed {
        Ok(params) => (params, None),
        Err(error) => (Params::default(), Some(error)),
    };
    tracing::debug!(%method, "bot call");
    // Recorded on arrival, so calls stay in order even when a long poll
    // answers later.
    let index = {
        let mut state = shared.lock();
        state.calls.push(Call {
            method: method.clone(),
            params: Value::Object(params.map.clone()),
            files: params.uploaded_files(),
            error: None,
        });
        state.calls_cleared + state.calls.len() - 1
    };
    let result = match (token_ok, parse_error) {
        (false, _) => Err(ApiError::unauthorized()),
        (true, Some(error)) => Err(error),
        (true, None) => methods::call(&shared, &method, &params).await,
    };
    match result {
        Ok(result) => json_response(StatusCode::OK, &json!({ "ok": true, "result": result })),
        Err(error) => {
            tracing::debug!(%method, description = %error.description, "bot call rejected");
            {
                let mut state = shared.lock();
                let position = index.checked_sub(state.calls_cleared);
                if let Some(call) = position.and_then(|i| state.calls.get_mut(i)) {
                    call.error = Some(error.description.clone());
                }
            }
            shared.notify(Some(Activity::Rejected {
                method,
                description: error.description.clone(),
            }));
            error.into_response()
        }
    }
}

/// `GET /file/bot{token}/{file_path}`: a file's bytes, as `getFile` points to.
async fn handle_file(
    State(shared): State<Arc<Shared>>,
    Path((bot, path)): Path<(String, String)>,
) -> Response {
    if bot.strip_prefix("bot") != Some(Sandbox::TOKEN) {
        return ApiError::unauthorized().into_response();
    }
    let bytes = shared.lock().file_by_path(&path).map(|f| f.bytes.clone());
    match bytes {
        Some(bytes) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/octet-stream")],
            bytes,
        )
            .into_response(),
        None => ApiError::not_found("Not Found").into_response(),
    }
}

/// A file part of a multipart request.
pub(super) struct Part {
    pub(super) name: String,
    pub(super) file_name: String,
    pub(super) bytes: Vec<u8>,
}

/// A request's parameters, whatever the encoding, with lenient typed
/// getters: multipart and form bodies carry every scalar as a string.
#[derive(Default)]
pub(super) struct Params {
    pub(super) map: Map<String, Value>,
    pub(super) parts: Vec<Part>,
}

impl Params {
    /// A scalar parameter as text; `None` when absent or null.
    pub(super) fn string(&self, key: &str) -> Option<String> {
        match self.map.get(key)? {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }

    pub(super) fn required(&self, key: &str) -> Result<String, ApiError> {
        self.string(key)
            .ok_or_else(|| ApiError::bad_request(format!("{key} is empty")))
    }

    pub(super) fn i64(&self, key: &str) -> Result<Option<i64>, ApiError> {
        let invalid = || ApiError::bad_request(format!("invalid {key} specified"));
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(invalid),
            Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| invalid()),
            Some(_) => Err(invalid()),
        }
    }

    pub(super) fn f64(&self, key: &str) -> Result<Option<f64>, ApiError> {
        let invalid = || ApiError::bad_request(format!("invalid {key} specified"));
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n.as_f64().map(Some).ok_or_else(invalid),
            Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| invalid()),
            Some(_) => Err(invalid()),
        }
    }

    pub(super) fn required_f64(&self, key: &str) -> Result<f64, ApiError> {
        self.f64(key)?
            .ok_or_else(|| ApiError::bad_request(format!("{key} is empty")))
    }

    /// A boolean flag; absent means `false`.
    pub(super) fn bool(&self, key: &str) -> bool {
        match self.map.get(key) {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s == "true" || s == "1",
            Some(Value::Number(n)) => n.as_i64() == Some(1),
            _ => false,
        }
    }

    /// A JSON object or array parameter; from a text field it is decoded.
    pub(super) fn json(&self, key: &str) -> Result<Option<Value>, ApiError> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => serde_json::from_str(s)
                .map(Some)
                .map_err(|_| ApiError::bad_request(format!("can't parse {key} JSON object"))),
            Some(other) => Ok(Some(other.clone())),
        }
    }

    /// `chat_id`. A `@username` is accepted by Telegram for public chats
    /// only, which the sandbox has none of.
    pub(super) fn chat_id(&self) -> Result<i64, ApiError> {
        let Some(text) = self.string("chat_id") else {
            return Err(ApiError::bad_request("chat_id is empty"));
        };
        text.trim().parse().map_err(|_| ApiError::chat_not_found())
    }

    pub(super) fn message_id(&self) -> Result<i32, ApiError> {
        let id = self
            .i64("message_id")?
            .ok_or_else(|| ApiError::bad_request("message identifier is not specified"))?;
        i32::try_from(id).map_err(|_| ApiError::bad_request("message to edit not found"))
    }

    pub(super) fn part(&self, name: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.name == name)
    }

    /// The uploaded files, each named by the parameter that refers to it.
    fn uploaded_files(&self) -> Vec<UploadedFile> {
        self.parts
            .iter()
            .map(|part| {
                let reference = format!("attach://{}", part.name);
                let field = self
                    .map
                    .iter()
                    .find(|(_, v)| v.as_str() == Some(reference.as_str()))
                    .map_or_else(|| part.name.clone(), |(k, _)| k.clone());
                UploadedFile {
                    field,
                    file_name: part.file_name.clone(),
                    bytes: part.bytes.clone(),
                }
            })
            .collect()
    }
}

/// A text field: JSON objects and arrays are decoded (that is how teloxide
/// encodes `reply_markup` and friends in multipart bodies), anything else
/// stays a string.
fn text_value(text: String) -> Value {
    let trimmed = text.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && let Ok(value) = serde_json::from_str(&text)
    {
        return value;
    }
    Value::String(text)
}

async fn read_params(request: Request) -> Result<Params, ApiError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut params = Params::default();
    if let Some(query) = request.uri().query() {
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            params
                .map
                .insert(key.into_owned(), text_value(value.into_owned()));
        }
    }
    if content_type.starts_with("multipart/form-data") {
        let bad = |e: axum::extract::multipart::MultipartError| {
            ApiError::bad_request(format!("can't parse multipart body: {}", e.body_text()))
        };
        let mut multipart = Multipart::from_request(request, &()).await.map_err(|e| {
            ApiError::bad_request(format!("can't parse multipart body: {}", e.body_text()))
        })?;
        while let Some(field) = multipart.next_field().await.map_err(bad)? {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let bytes = field.bytes().await.map_err(bad)?.to_vec();
            // A part with a file name is a file; so is one that is not text.
            match (file_name, String::from_utf8(bytes)) {
                (None, Ok(text)) => {
                    params.map.insert(name, text_value(text));
                }
                (file_name, text) => {
                    let bytes = text.map_or_else(|e| e.into_bytes(), String::into_bytes);
                    params.parts.push(Part {
                        name,
                        file_name: file_name.unwrap_or_default(),
                        bytes,
                    });
                }
            }
        }
        return Ok(params);
    }
    let body = axum::body::to_bytes(request.into_body(), MAX_BODY)
        .await
        .map_err(|_| ApiError::bad_request("request body is too big or unreadable"))?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(params);
    }
    if content_type.starts_with("application/x-www-form-urlencoded") {
        for (key, value) in url::form_urlencoded::parse(&body) {
            params
                .map
                .insert(key.into_owned(), text_value(value.into_owned()));
        }
        return Ok(params);
    }
    // JSON, which teloxide labels `application/json`; also the fallback for
    // a missing content type.
    match serde_json::from_slice(&body) {
        Ok(Value::Object(map)) => {
            params.map.extend(map);
            Ok(params)
        }
        _ => Err(ApiError::bad_request("can't parse JSON body")),
    }
}
