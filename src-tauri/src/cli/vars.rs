//! `vars set` and `vars list`.

use std::io::Write;
use std::path::Path;

use quickreply_core::Result;
use quickreply_core::app::vars;

use super::args::VarsCommand;
use super::{json_line, open, say};

pub fn run(path: &Path, command: VarsCommand, out: &mut Vec<u8>) -> Result<()> {
    match command {
        VarsCommand::Set { name, value } => vars::set(&open(path)?, &name, &value),
        VarsCommand::List { json } => {
            let vars = vars::list(&open(path)?)?;
            if json {
                let map: serde_json::Map<String, serde_json::Value> = vars
                    .into_iter()
                    .map(|(k, v)| (k, serde_json::Value::String(v)))
                    .collect();
                json_line(out, &map)
            } else {
                vars.iter().try_for_each(|(k, v)| say!(out, "{k}={v}"))
            }
        }
    }
}
