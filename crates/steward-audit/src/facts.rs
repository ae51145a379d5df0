//! The facts stage: every reader run over the inventory, and the checks run over what
//! they read.

use serde_json::{json, Map, Value};
use steward_checks::{dup, license, meta, pid, split};
use steward_model::facts::docs::DocFacts;
use steward_model::facts::duplicates::ExactDuplicates;
use steward_model::facts::tables::TablesFacts;
use steward_model::facts::Inventory;
use steward_model::{FileWarning, Finding, Progress};

use crate::{AuditConfig, AuditError};

/// The most identifiers listed in the report's facts (`identifiers_found` counts all):
/// a README can hold thousands of DOIs of cited papers.
const LISTED: usize = 100;

/// What the readers found.
pub struct Facts {
    /// Licences, identifiers, cards.
    pub docs: DocFacts,
    /// Tables, roles, split schemes.
    pub tables: TablesFacts,
    /// Files with identical bytes.
    pub duplicates: ExactDuplicates,
}

impl Facts {
    /// Runs every reader: documents and tables in parallel, then hashing, which is the
    /// slow part and is not started when the tables stage refuses the run.
    pub fn read(
        inventory: &Inventory,
        config: &AuditConfig,
        progress: &dyn Progress,
    ) -> Result<Facts, AuditError> {
        let (docs, tables) = rayon::join(
            || steward_docs::read(inventory),
            || steward_tables::read(inventory, &config.tables),
        );
        let tables = tables?;
        let duplicates = steward_media::exact_duplicates(inventory, progress);
        Ok(Facts { docs, tables, duplicates })
    }

    /// Every rule over these facts.
    pub fn check(&self) -> Vec<Finding> {
        let mut findings = license::check(&self.docs);
        findings.extend(pid::check(&self.docs));
        findings.extend(meta::check(&self.tables));
        findings.extend(split::check(&self.tables));
        let schemes = self.tables.schemes.iter().map(|s| &s.scheme);
        findings.extend(dup::check(&self.duplicates, schemes));
        findings
    }

    /// Every file warning, the inventory's first.
    pub fn warnings(&self, inventory: &Inventory) -> Vec<FileWarning> {
        let all = [
            &inventory.warnings,
            &self.docs.warnings,
            &self.tables.warnings,
            &self.duplicates.warnings,
        ];
        all.into_iter().flatten().cloned().collect()
    }

    /// The facts for the report: tables with roles, schemes with counts, licences,
    /// identifiers, duplicate totals. Member lists are left out (they can be huge).
    pub fn to_json(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("metadata_tables".into(), json!(self.tables.metadata_tables));
        out.insert("tables".into(), json!(self.tables.tables));
        out.insert(
            "schemes".into(),
            Value::Array(self.tables.schemes.iter().map(scheme_json).collect()),
        );
        out.insert("licences".into(), json!(self.docs.licences));
        let identifiers = &self.docs.identifiers;
        out.insert("identifiers_found".into(), json!(identifiers.len()));
        out.insert("identifiers".into(), json!(&identifiers[..identifiers.len().min(LISTED)]));
        out.insert("duplicates".into(), duplicates_json(&self.duplicates));
        out
    }
}

fn scheme_json(facts: &steward_model::facts::tables::SchemeFacts) -> Value {
    let splits: Vec<Value> = facts
        .scheme
        .splits
        .iter()
        .zip(&facts.unmatched)
        .map(|(s, unmatched)| {
            let samples = s.members.len();
            json!({"name": s.name, "source": s.source, "samples": samples, "unmatched": unmatched})
        })
        .collect();
    json!({
        "name": facts.scheme.name,
        "origin": facts.scheme.origin,
        "training_split": facts.scheme.training,
        "group_key": facts.group_key,
        "joined_to": facts.joined_to,
        "splits": splits,
    })
}

fn duplicates_json(dups: &ExactDuplicates) -> Value {
    json!({
        "files_hashed": dups.files_hashed,
        "bytes_hashed": dups.bytes_hashed,
        "groups": dups.groups.len(),
        "empty_files": dups.empty_files,
    })
}
