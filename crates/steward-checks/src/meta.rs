//! `meta.*` rules: whether the tables hold a group key (patient, lesion, study),
//! demographics and acquisition metadata, and how many values of each role column are
//! missing (blank, NaN, "unknown", "N/A").

use serde_json::{json, Value};
use steward_model::facts::tables::{ColumnFacts, Demographic, Role, TableFacts, TablesFacts};
use steward_model::{Finding, Severity};

const NO_GROUP_KEY: &str = "no patient, subject, lesion or study identifier in any table";
const NO_ACQUISITION: &str =
    "no site, institution, scanner, manufacturer, device or view in any table";

/// A role column missing this share of its values (or more) makes a warning.
const WARN_SHARE: f64 = 0.05;

/// All `meta.*` findings for the tables stage's facts.
pub fn check(tables: &TablesFacts) -> Vec<Finding> {
    let mut findings = Vec::new();
    findings.extend(no_group_key(tables));
    findings.extend(demographics(tables));
    findings.extend(no_acquisition(tables));
    findings.extend(tables.tables.iter().filter_map(missing_values));
    findings
}

/// The columns whose role satisfies `pred` and that hold at least one value: a column
/// left blank in every row (ages redacted, say) is no evidence that the data is there.
fn columns_with<'a>(
    tables: &'a TablesFacts,
    pred: impl Fn(Role) -> bool + 'a,
) -> Vec<&'a ColumnFacts> {
    let filled = |t: &'a TableFacts| t.columns.iter().filter(move |c| c.missing_total() < t.rows);
    tables.tables.iter().flat_map(filled).filter(|c| pred(c.role)).collect()
}

fn table_count(tables: &TablesFacts) -> Value {
    let columns: usize = tables.tables.iter().map(|t| t.columns.len()).sum();
    json!({"tables": tables.tables.len(), "columns": columns})
}

fn no_group_key(tables: &TablesFacts) -> Option<Finding> {
    if !columns_with(tables, |r| matches!(r, Role::GroupKey(_))).is_empty() {
        return None;
    }
    Some(
        Finding::new("meta.no-group-key", Severity::Warning, NO_GROUP_KEY)
            .with_data(table_count(tables))
            .with_action(
                "add the patient (or subject) id of each sample from the original dataset; \
                 without it no split can be checked for patient leakage",
            ),
    )
}

fn demographics(tables: &TablesFacts) -> Option<Finding> {
    let found = columns_with(tables, |r| matches!(r, Role::Demographic(_)));
    let has = |d: Demographic| found.iter().any(|c| c.role == Role::Demographic(d));
    let absent: Vec<&str> = [
        (Demographic::Age, "age"),
        (Demographic::Sex, "sex/gender"),
        (Demographic::Race, "race/ethnicity"),
    ]
    .into_iter()
    .filter(|(d, _)| !has(*d))
    .map(|(_, name)| name)
    .collect();
    if absent.is_empty() {
        return None;
    }
    let (severity, message) = if found.is_empty() {
        (
            Severity::Warning,
            "no demographics (age, sex/gender, race/ethnicity) in any table".to_string(),
        )
    } else {
        (Severity::Info, format!("demographics lack {}", absent.join(", ")))
    };
    let mut present: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
    present.sort_unstable();
    present.dedup();
    Some(
        Finding::new("meta.no-demographics", severity, message)
            .with_data(json!({"absent": absent, "present_columns": present}))
            .with_action(
                "recover the demographics from the original dataset so that results can be \
                 checked per subgroup",
            ),
    )
}

fn no_acquisition(tables: &TablesFacts) -> Option<Finding> {
    if !columns_with(tables, |r| r == Role::Acquisition).is_empty() {
        return None;
    }
    Some(
        Finding::new("meta.no-acquisition", Severity::Warning, NO_ACQUISITION)
            .with_data(table_count(tables))
            .with_action(
                "recover the acquisition metadata (site, scanner, device) from the original \
                 dataset; shifts between sites go unseen without it",
            ),
    )
}

fn missing_values(table: &TableFacts) -> Option<Finding> {
    let columns: Vec<&ColumnFacts> =
        table.role_columns().filter(|c| c.missing_total() > 0).collect();
    if columns.is_empty() {
        return None;
    }
    let share = |c: &ColumnFacts| c.missing_total() as f64 / table.rows.max(1) as f64;
    let keys_missing =
        columns.iter().any(|c| matches!(c.role, Role::SampleKey | Role::GroupKey(_)));
    let severity = if keys_missing || columns.iter().any(|c| share(c) >= WARN_SHARE) {
        Severity::Warning
    } else {
        Severity::Info
    };
    let listed: Vec<Value> = columns.iter().map(|c| column_json(c, share(c))).collect();
    let summary: Vec<String> =
        columns.iter().map(|c| format!("{} {}", c.missing_total(), c.name)).collect();
    let message = format!("'{}' has missing values: {}", table.path, summary.join(", "));
    Some(
        Finding::new("meta.missing-values", severity, message)
            .with_data(json!({"table": table.path, "rows": table.rows, "columns": listed}))
            .with_examples(columns.iter().take(5).map(|c| missing_example(c)).collect())
            .with_action(
                "fill the missing values from the original dataset, or report results with \
                 the affected samples set apart",
            ),
    )
}

fn missing_example(column: &ColumnFacts) -> Value {
    json!({"column": column.name, "missing": column.missing})
}

fn column_json(column: &ColumnFacts, share: f64) -> Value {
    json!({
        "column": column.name,
        "role": column.role.as_str(),
        "missing": column.missing_total(),
        "share": (share * 10000.0).round() / 10000.0,
        "by_value": column.missing,
    })
}
