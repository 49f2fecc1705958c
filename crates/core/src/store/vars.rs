//! Shop-wide variables (shop name, signature, return address…) and app settings.

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::{Error, Result};

/// True for names Fluent accepts as a variable: `[a-zA-Z][a-zA-Z0-9_-]*`.
#[must_use]
pub fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Checks that templates can use `name` as a variable (`{ $name }`).
///
/// # Errors
/// [`Error::Invalid`] naming it and saying what a name may hold.
pub fn check_variable_name(name: &str) -> Result<()> {
    if is_variable_name(name) {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "'{name}' cannot be a variable name: use letters, digits, '_' or '-', starting with a letter (e.g. shop_name)"
        )))
    }
}

impl Store {
    /// Sets a shop variable, usable in every template as `{ $NAME }`.
    ///
    /// # Errors
    /// [`Error::Invalid`] for a name Fluent cannot reference; database failure.
    pub fn set_var(&mut self, name: &str, value: &str) -> Result<()> {
        check_variable_name(name)?;
        self.conn().execute(
            "INSERT INTO shop_vars (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = ?2",
            params![name, value],
        )?;
        Ok(())
    }

    /// Replaces all shop variables with `vars` in one transaction (the settings form).
    ///
    /// # Errors
    /// [`Error::Invalid`] for a name Fluent cannot reference (nothing is changed then);
    /// database failure.
    pub fn replace_vars(
        &mut self,
        vars: &std::collections::BTreeMap<String, String>,
    ) -> Result<()> {
        vars.keys().try_for_each(|name| check_variable_name(name))?;
        let tx = self.conn_mut().transaction()?;
        tx.execute("DELETE FROM shop_vars", [])?;
        for (name, value) in vars {
            tx.execute(
                "INSERT INTO shop_vars (name, value) VALUES (?1, ?2)",
                params![name, value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every shop variable, ordered by name.
    ///
    /// # Errors
    /// Database failure.
    pub fn vars(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT name, value FROM shop_vars ORDER BY name")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// An app setting, if set.
    ///
    /// # Errors
    /// Database failure.
    pub fn setting(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT value FROM settings WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?)
    }

    /// Stores an app setting.
    ///
    /// # Errors
    /// Database failure.
    pub fn set_setting(&mut self, name: &str, value: &str) -> Result<()> {
        self.conn().execute(
            "INSERT INTO settings (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = ?2",
            params![name, value],
        )?;
        Ok(())
    }

    /// Removes an app setting (back to its default).
    ///
    /// # Errors
    /// Database failure.
    pub fn delete_setting(&mut self, name: &str) -> Result<()> {
        self.conn()
            .execute("DELETE FROM settings WHERE name = ?1", [name])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vars_are_set_listed_and_overwritten() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_var("shop_name", "Old").unwrap();
        store.set_var("shop_name", "Desert Rose").unwrap();
        store.set_var("signature", "— Aisha").unwrap();
        assert_eq!(
            store.vars().unwrap(),
            vec![
                ("shop_name".into(), "Desert Rose".into()),
                ("signature".into(), "— Aisha".into())
            ]
        );
    }

    #[test]
    fn unusable_names_are_refused() {
        let mut store = Store::open_in_memory().unwrap();
        for bad in ["", "1shop", "shop name", "$shop", "-term"] {
            assert!(
                matches!(store.set_var(bad, "x"), Err(Error::Invalid(_))),
                "{bad:?} accepted"
            );
        }
        assert!(store.vars().unwrap().is_empty());
    }

    #[test]
    fn settings_round_trip() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.setting("hotkey").unwrap(), None);
        store.set_setting("hotkey", "Ctrl+Shift+Space").unwrap();
        assert_eq!(
            store.setting("hotkey").unwrap().as_deref(),
            Some("Ctrl+Shift+Space")
        );
    }
}
