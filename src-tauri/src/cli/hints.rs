//! What to do next, in command-line terms. The core's messages say what is wrong; these lines
//! add the command that fixes it (the desktop app says the same in its own words).

use quickreply_core::Error;
use quickreply_core::translate::MtError;

/// The hint printed under an error, if there is one.
pub fn hint(error: &Error) -> Option<String> {
    Some(match error {
        Error::Render { missing, .. } if !missing.is_empty() => format!(
            "give the missing values with {}, import the order and pass --order ID, or set shop variables with `quickreply vars set NAME VALUE`",
            missing
                .iter()
                .map(|m| format!("--var {m}=VALUE"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Error::Ftl(errors) => format!(
            "{} error(s); nothing was stored. Fix the text at the line:column shown and try again.",
            errors.len()
        ),
        Error::UnknownTemplate(_) => "run `quickreply templates list` to see the keys".into(),
        Error::KeyTaken(key) => {
            format!("change it with `quickreply templates edit {key} …`, or pick another key")
        }
        Error::UnknownOrder(_) => "import it with `quickreply orders import FILE`".into(),
        Error::NoOrderId { .. } => {
            "name the column that holds the order number with --map \"order_id=COLUMN\" (more \
             --map VAR=COLUMN for the other values); add --save-preset NAME to import such files \
             on their own next time"
                .into()
        }
        Error::UnknownProvider { name, .. } => format!(
            "add it with `quickreply providers add {name} --kind deepl|google|openai`, or see `quickreply providers list`"
        ),
        Error::NoProvider => {
            "add one with `quickreply providers add NAME --kind deepl|google|openai`".into()
        }
        Error::SeveralProviders(_) => "choose one with --provider NAME".into(),
        Error::EmptyKey => {
            "pipe the key in, e.g. `printf %s \"$KEY\" | quickreply providers key NAME`".into()
        }
        Error::SourceLanguageTarget { .. } => "choose another language with --to".into(),
        Error::Provider(MtError::NoKey { provider } | MtError::BadKey { provider, .. }) => {
            format!("store the key with `printf %s \"$KEY\" | quickreply providers key {provider}`")
        }
        Error::Provider(MtError::Network { .. }) => {
            "check the provider's URL with `quickreply providers list`".into()
        }
        Error::NotBound => "share it with `quickreply team init REMOTE`, or join a team library with `quickreply team join REMOTE` (on an empty library)".into(),
        Error::Remote(_) => "see what is pending with `quickreply team status`; a token for https goes in with `quickreply team credentials`".into(),
        Error::Db(_) | Error::Migration(_) => {
            "the library database may be damaged or from a newer version; check --db / QUICKREPLY_DB".into()
        }
        _ => return None,
    })
}
