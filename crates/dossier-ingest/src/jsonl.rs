//! One JSON Lines record to one document (contract: `id|doc_id`, `text`, `published|dct`,
//! `url`, `title`, `source`; unknown fields kept in `meta`).

use dossier_text::DocMeta;
use serde_json::Value;

use crate::validate_date;

/// Parses one JSONL line. `fallback_id` names documents without an `id`.
pub fn parse_jsonl_line(line: &str, fallback_id: &str) -> Result<(DocMeta, String), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(map) = value else {
        return Err("expected a JSON object".to_string());
    };
    let mut meta = DocMeta { kind: "jsonl".to_string(), ..DocMeta::default() };
    let mut text = None;
    let string = |key: &str, v: &Value| -> Result<String, String> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) if key == "id" || key == "doc_id" => Ok(n.to_string()),
            _ => Err(format!("field {key:?} must be a string")),
        }
    };
    for (key, v) in map {
        if v.is_null() && key != "text" {
            continue;
        }
        match key.as_str() {
            "id" | "doc_id" => meta.id = string(&key, &v)?,
            "text" => text = Some(string(&key, &v)?),
            "published" | "dct" => {
                let d = string(&key, &v)?;
                validate_date(&d)?;
                meta.published = Some(d);
                meta.published_from = Some("input".to_string());
            }
            "url" => meta.url = Some(string(&key, &v)?),
            "title" => meta.title = Some(string(&key, &v)?),
            "source" => meta.source = Some(string(&key, &v)?),
            _ => meta.extra.push((key, v.to_string())),
        }
    }
    let text = text.ok_or_else(|| "missing required field \"text\"".to_string())?;
    if meta.id.is_empty() {
        meta.id = fallback_id.to_string();
    }
    Ok((meta, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_contract_fields_and_keeps_unknown_ones() {
        let (meta, text) = parse_jsonl_line(
            r#"{"doc_id":"r1","text":"Hi.","dct":"2025-10-14","url":"https://x.test/a","lang":"en","n":3}"#,
            "f:1",
        )
        .unwrap();
        assert_eq!(meta.id, "r1");
        assert_eq!(text, "Hi.");
        assert_eq!(meta.published.as_deref(), Some("2025-10-14"));
        assert_eq!(meta.extra, vec![("lang".to_string(), "\"en\"".to_string()), ("n".to_string(), "3".to_string())]);
    }

    #[test]
    fn errors_are_specific() {
        assert!(parse_jsonl_line("{not json", "x").unwrap_err().starts_with("malformed JSON"));
        assert_eq!(parse_jsonl_line("[1]", "x").unwrap_err(), "expected a JSON object");
        assert_eq!(parse_jsonl_line(r#"{"id":"a"}"#, "x").unwrap_err(), "missing required field \"text\"");
        assert!(
            parse_jsonl_line(r#"{"text":"a","published":"yesterday"}"#, "x")
                .unwrap_err()
                .contains("unknown date format")
        );
        assert_eq!(parse_jsonl_line(r#"{"text":"a"}"#, "f:7").unwrap().0.id, "f:7");
    }
}
