//! The error shape every command returns to the front end: `{code, message}` plus, for a
//! render that lacks values, the names of the missing variables. The core decides the code
//! (one list: `quickreply_core::Code`) and the words (`app::errors`, in the staff's language).

pub use quickreply_core::app::errors::ShownError as IpcError;

pub type IpcResult<T> = Result<T, IpcError>;

#[cfg(test)]
mod tests {
    use quickreply_core::app::errors::for_person;
    use quickreply_core::app::settings::UiLang;

    #[test]
    fn serializes_to_code_and_message() {
        let e = for_person(
            &quickreply_core::Error::UnknownTemplate("x".into()),
            UiLang::En,
        );
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "unknown_template");
        assert!(json["message"].as_str().unwrap().contains("'x'"));
        assert!(json.get("missing").is_none());
    }

    #[test]
    fn missing_values_are_listed() {
        let e = for_person(
            &quickreply_core::Error::Render {
                key: "k".into(),
                locale: "en".into(),
                problems: "missing value for $a".into(),
                missing: vec!["a".into()],
            },
            UiLang::En,
        );
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "missing");
        assert_eq!(json["missing"], serde_json::json!(["a"]));
    }
}
