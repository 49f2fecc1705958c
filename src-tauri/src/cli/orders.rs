//! `orders import|show|presets|late|purge`.

use std::io::Write;
use std::path::Path;

use quickreply_core::Result;
use quickreply_core::app::orders::{self, ImportOptions, LateReason, OrderJson};
use quickreply_core::orders::VarValue;

use super::args::{OrdersCommand, PresetsCommand};
use super::{json_line, open, say};

pub fn run(path: &Path, command: OrdersCommand, out: &mut Vec<u8>) -> Result<()> {
    match command {
        OrdersCommand::Import {
            file,
            format,
            map,
            save_preset,
            preset,
            marketplace,
        } => {
            let options = ImportOptions {
                format,
                mapping: map,
                preset,
                save_preset: save_preset.clone(),
                marketplace,
            };
            let import = orders::import_with(&open(path)?, &file, &options)?;
            if let Some(encoding) = &import.encoding {
                eprintln!(
                    "note: {} is not UTF-8; it was read as {encoding}",
                    file.display()
                );
            }
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
            )?;
            match (&save_preset, &import.preset) {
                (Some(name), _) => say!(out, "saved the column mapping as preset {name}")?,
                (None, Some(name)) => say!(out, "read with preset {name}")?,
                (None, None) => say!(out, "read as {}", import.format)?,
            }
            if import.purged > 0 {
                say!(
                    out,
                    "deleted {} older orders (setting order_retention_days)",
                    import.purged
                )?;
            }
            Ok(())
        }
        OrdersCommand::Show { order_id, json } => {
            let order = orders::show(&open(path)?, &order_id)?;
            if json {
                return json_line(out, &OrderJson::from(&order));
            }
            for (name, value) in order.variables() {
                let text = match value {
                    VarValue::Text(s) | VarValue::Date(s) => s,
                    VarValue::Number(n) => n.to_string(),
                };
                say!(out, "{name}\t{text}")?;
            }
            Ok(())
        }
        OrdersCommand::Presets {
            json,
            command: None,
        } => {
            let presets = orders::presets(&open(path)?)?;
            if json {
                return json_line(out, &presets);
            }
            for p in presets {
                let mapping: Vec<String> = p
                    .mapping
                    .iter()
                    .map(|(var, column)| format!("{var}={column}"))
                    .collect();
                say!(out, "{}\t{}\t{}", p.name, p.format, mapping.join(", "))?;
            }
            Ok(())
        }
        OrdersCommand::Presets {
            command: Some(PresetsCommand::Rm { name }),
            ..
        } => {
            orders::delete_preset(&open(path)?, &name)?;
            say!(out, "deleted preset {name}")
        }
        OrdersCommand::Late { json } => {
            let late = orders::late(&open(path)?, orders::today())?;
            if json {
                return json_line(out, &late);
            }
            for l in late {
                let reason = match l.reason {
                    LateReason::PastEta => "past_eta",
                    LateReason::NotShipped => "not_shipped",
                };
                say!(
                    out,
                    "{}\t{reason}\t{} days\t{}",
                    l.order_id,
                    l.days_late,
                    l.buyer_name.as_deref().unwrap_or("")
                )?;
            }
            Ok(())
        }
        OrdersCommand::Purge { before } => {
            let n = orders::purge(&open(path)?, &before)?;
            say!(out, "deleted {n} orders placed before {}", before.trim())
        }
    }
}
