//! JSON Schemas (draft 2020-12) of the plan files, for editors that complete and validate
//! TOML (taplo and the editors built on it read a `#:schema` line or a `.taplo.toml`).
//!
//! Built from the format's declarations ([`super::FILES`]): every table is closed to the
//! keys declared for it, every key carries its doc and, where it has one, its default and
//! an example; closed lists are enums.

use serde_json::{Map, Value, json};

use super::{FILES, Fallback, Key, Table, Ty};

fn rule_names() -> Vec<&'static str> {
    crate::rules::RULES.iter().map(|rule| rule.name).collect()
}

/// The rules an `allow` may name: every rule that is not fixed.
fn allowable_rules() -> Vec<&'static str> {
    crate::rules::RULES
        .iter()
        .filter(|rule| !rule.fixed)
        .map(|rule| rule.name)
        .collect()
}

/// Every schema, as (file name, pretty-printed JSON with a final newline).
pub fn all() -> Vec<(&'static str, String)> {
    FILES
        .iter()
        .map(|file| {
            let (name, title, table) = (file.schema, file.doc, file.root);
            let mut schema = Map::new();
            schema.insert(
                "$schema".into(),
                json!("https://json-schema.org/draft/2020-12/schema"),
            );
            schema.insert(
                "title".into(),
                json!(format!("obert plan format: {}: {title}", file.path)),
            );
            if let Value::Object(body) = table_schema(table) {
                schema.extend(body);
            }
            let mut text = serde_json::to_string_pretty(&Value::Object(schema)).unwrap_or_default();
            text.push('\n');
            (name, text)
        })
        .collect()
}

fn table_schema(table: &Table) -> Value {
    let mut properties = Map::new();
    for key in table.keys {
        let mut field = ty_schema(key.ty);
        if let Value::Object(map) = &mut field {
            map.insert("description".into(), json!(format!("{}.", key.doc)));
            if let Some(default) = default_value(key) {
                map.insert("default".into(), default);
            }
        }
        properties.insert(key.name.to_string(), field);
    }
    let required: Vec<&str> = table
        .keys
        .iter()
        .filter(|key| key.is_required())
        .map(|key| key.name)
        .collect();
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty()
        && let Value::Object(map) = &mut schema
    {
        map.insert("required".into(), json!(required));
    }
    schema
}

/// A key's default as JSON, when it is a value rather than words.
fn default_value(key: &Key) -> Option<Value> {
    Some(match key.default? {
        Fallback::Count(n) => json!(n),
        Fallback::Bool(flag) => json!(flag),
        Fallback::Str(text) => json!(text),
        Fallback::List(items) => json!(items),
        Fallback::Note(_) => return None,
    })
}

const SLUG: &str = "^[a-z0-9][a-z0-9-]{0,63}$";

fn ty_schema(ty: Ty) -> Value {
    match ty {
        Ty::Str | Ty::Path | Ty::PathOrUrl => json!({ "type": "string" }),
        Ty::Url => {
            json!({ "type": "string", "format": "uri", "pattern": "^([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)[^\\s]*$" })
        }
        Ty::Id | Ty::Ref(_) => json!({ "type": "string", "pattern": SLUG }),
        Ty::Text => json!({
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "propertyNames": { "pattern": SLUG },
                    "additionalProperties": { "type": "string" },
                    "minProperties": 1,
                },
            ],
        }),
        // TOML local dates (`2021-05-06`); taplo checks them against this format.
        Ty::Date => json!({ "type": "string", "format": "date" }),
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Count { min } => json!({ "type": "integer", "minimum": min, "maximum": u32::MAX }),
        Ty::Word(list) => json!({ "type": "string", "enum": list() }),
        Ty::Refs(_) | Ty::Slugs => {
            json!({ "type": "array", "items": { "type": "string", "pattern": SLUG } })
        }
        Ty::Strings => json!({ "type": "array", "items": { "type": "string" } }),
        Ty::Words(list) => json!({
            "type": "array",
            "items": { "type": "string", "enum": list() },
            "uniqueItems": true,
        }),
        Ty::Reference => json!({
            "type": "string",
            "minLength": 1,
            "maxLength": 128,
            "pattern": "^[^\\u0000-\\u001f\\u007f]+$",
        }),
        Ty::Table(table) => table_schema(table),
        Ty::Tables(table) => json!({ "type": "array", "items": table_schema(table) }),
        Ty::Allow => json!({
            "type": "object",
            "propertyNames": { "enum": allowable_rules() },
            "additionalProperties": { "type": "string", "minLength": 1 },
        }),
        Ty::Lints => json!({
            "type": "object",
            "propertyNames": { "enum": rule_names() },
            "additionalProperties": { "type": "string", "enum": ["error", "warn", "allow"] },
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_are_closed() {
        for (name, text) in all() {
            let schema: Value = serde_json::from_str(&text).expect("JSON");
            assert_eq!(schema["additionalProperties"], json!(false), "{name}");
            assert_eq!(
                schema["$schema"],
                json!("https://json-schema.org/draft/2020-12/schema")
            );
        }
    }

    #[test]
    fn every_key_is_described() {
        for table in crate::format::tables() {
            for key in table.keys {
                assert!(!key.doc.trim().is_empty(), "`{}` has no doc", key.name);
            }
        }
    }
}
