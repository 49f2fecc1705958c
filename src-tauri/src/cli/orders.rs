//! `orders import` and `orders show`.

use std::io::Write;
use std::path::Path;

use quickreply_core::Result;
use quickreply_core::app::orders;
use quickreply_core::orders::VarValue;

use super::args::OrdersCommand;
use super::{json_line, open, say};

pub fn run(path: &Path, command: OrdersCommand, out: &mut Vec<u8>) -> Result<()> {
    match command {
        OrdersCommand::Import { file, format } => {
            let import = orders::import(&open(path)?, &file, format)?;
            for error in &import.skipped {
                eprintln!("{error}");
            }
            if !import.skipped.is_empty() {
                eprintln!(
                    "{} row(s) skipped; the other rows were imported",
                    import.skipped.len()
                );
            }
            say!(
                out,
                "imported {} orders from {} ({} new, {} updated, {} rows skipped)",
                import.imported,
                file.display(),
                import.inserted,
                import.updated,
                import.skipped.len()
            )
        }
        OrdersCommand::Show { order_id, json } => {
            let order = orders::show(&open(path)?, &order_id)?;
            if json {
                return json_line(out, &order);
            }
            for (name, value) in order.variables() {
                let text = match value {
                    VarValue::Text(s) | VarValue::Date(s) => s,
                    VarValue::Number(n) => n.to_string(),
                };
                say!(out, "{name}\t{text}")?;
            }
            if let Some(items) = &order.items {
                say!(out, "items\t{items}")?;
            }
            if let Some(status) = &order.status {
                say!(out, "status\t{status}")?;
            }
            Ok(())
        }
    }
}
