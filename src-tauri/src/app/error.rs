//! The error shape every command returns to the front end: `{code, message}` plus, for a
//! render that lacks values, the names of the missing variables.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcError {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            missing: Vec::new(),
        }
    }
}

impl From<quickreply_core::Error> for IpcError {
    fn from(error: quickreply_core::Error) -> Self {
        let missing = match &error {
            quickreply_core::Error::Render { missing, .. } => missing.clone(),
            _ => Vec::new(),
        };
        let code = if missing.is_empty() {
            error.code()
        } else {
            "missing"
        };
        Self {
            code: code.into(),
            message: error.to_string(),
            missing,
        }
    }
}

impl From<quickreply_core::paste::PasteError> for IpcError {
    fn from(error: quickreply_core::paste::PasteError) -> Self {
        Self::new(error.code(), error.to_string())
    }
}

pub type IpcResult<T> = Result<T, IpcError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_to_code_and_message() {
        let e: IpcError = quickreply_core::Error::UnknownTemplate("x".into()).into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "unknown_template");
        assert!(json["message"].as_str().unwrap().contains("'x'"));
        assert!(json.get("missing").is_none());
    }

    #[test]
    fn missing_values_are_listed() {
        let e: IpcError = quickreply_core::Error::Render {
            key: "k".into(),
            locale: "en".into(),
            problems: "missing value for $a".into(),
            missing: vec!["a".into()],
        }
        .into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "missing");
        assert_eq!(json["missing"], serde_json::json!(["a"]));
    }
}
