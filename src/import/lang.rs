//! The languages the apps write their exports in, kept as data: one TOML file per app in
//! `src/import/lang/`, built into the binary. For each language the file gives its header names
//! (by the role the importer reads the column for), its activity or exercise types with the
//! app's English name for each, its month names, whether numbers use a decimal comma, and where
//! those words were found (a public repository that reads or holds such exports, the app's own
//! help pages, a real export). An importer asks its table; adding a language is adding an entry.
//!
//! ```toml
//! [[language]]
//! code = "da"
//! name = "Danish"
//! source = "real export: github.com/Bjarke848/AI_TrainingPlanner, Activities.csv"
//! decimal_comma = false
//! columns = { type = ["Aktivitetstype"], start = ["Dato"] }
//! types = { "Løb" = "Running", "Styrketræning" = "Strength Training" }
//! months = [["jan", "januar"], ["feb", "februar"], ...]   # twelve, January first
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

/// One app's languages, as its TOML file lists them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Languages {
    #[serde(rename = "language")]
    pub all: Vec<Language>,
}

/// One language of one app.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// A BCP 47 tag: `da`, `pt-BR`, `zh-Hans`.
    pub code: String,
    /// Its name in English, for messages and the README.
    pub name: String,
    /// Where its words were found.
    pub source: String,
    /// Header names by role (the roles are the importer's: `type`, `start`, `distance`, ...).
    #[serde(default)]
    pub columns: BTreeMap<String, Vec<String>>,
    /// Activity or exercise types as written, each with the app's English name.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// Month names, January first: for each, every way it is written (abbreviated, in full).
    #[serde(default)]
    pub months: Vec<Vec<String>>,
    /// Whether numbers use a decimal comma (`7,5`) rather than a point.
    #[serde(default)]
    pub decimal_comma: bool,
    /// Other words by key (`am`, `pm`, weekday names, a word for "yes"), as the importer needs.
    #[serde(default)]
    pub words: BTreeMap<String, Vec<String>>,
}

impl Languages {
    /// Reads an app's table. The tables are part of the program: a malformed one is a bug,
    /// caught by the test each importer has that loads its table.
    pub fn parse(app: &str, text: &str) -> Languages {
        let table: Languages = toml::from_str(text)
            .unwrap_or_else(|e| panic!("src/import/lang/{app}.toml is not a valid table: {e}"));
        for language in &table.all {
            assert!(
                language.months.is_empty() || language.months.len() == 12,
                "src/import/lang/{app}.toml, {}: twelve months or none",
                language.code
            );
        }
        table
    }

    /// Every language's names for the column of `role`, in the table's order (English first
    /// where the table starts with it), without repeats.
    pub fn columns(&self, role: &str) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for language in &self.all {
            for name in language.columns.get(role).into_iter().flatten() {
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// The app's English name of a type written in any language of the table, compared by
    /// [`fold`]; `None` for a type no language has. It folds every entry of the table: a caller
    /// remembers the answer for each distinct type of a file rather than asking per row.
    pub fn english_type(&self, written: &str) -> Option<&str> {
        let key = fold(written);
        self.all
            .iter()
            .flat_map(|l| l.types.iter())
            .find(|(name, _)| fold(name) == key)
            .map(|(_, english)| english.as_str())
    }

    /// The language whose header names match most of `keys` (a header's fields as
    /// [`super::column_key`]s), with how many of its names matched.
    pub fn language_of(&self, keys: &[String]) -> Option<(&Language, usize)> {
        self.all
            .iter()
            .map(|l| {
                let matched = l
                    .columns
                    .values()
                    .filter(|names| names.iter().any(|n| keys.contains(&super::column_key(n))))
                    .count();
                (l, matched)
            })
            .filter(|(_, matched)| *matched > 0)
            .max_by_key(|(_, matched)| *matched)
    }

    /// The names of the languages, for messages and the README: "English, Danish, ...".
    pub fn names(&self) -> String {
        self.all
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How words of a table are compared: lower case, accents and other marks removed (Unicode
/// letters with a diacritic map to their base letter for the Latin scripts), spaces trimmed.
pub fn fold(word: &str) -> String {
    word.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ą' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ç' | 'ć' | 'č' => 'c',
            'ñ' | 'ń' | 'ň' => 'n',
            'ś' | 'š' | 'ș' | 'ş' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ł' => 'l',
            'ř' => 'r',
            'ť' | 'ț' => 't',
            'ď' => 'd',
            'ý' | 'ÿ' => 'y',
            'ğ' => 'g',
            'ı' => 'i',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = r#"
[[language]]
code = "en"
name = "English"
source = "the app's own export"
columns = { type = ["Activity Type"], start = ["Date"] }
months = [["jan", "january"], ["feb"], ["mar"], ["apr"], ["may"], ["jun"], ["jul"], ["aug"], ["sep", "sept"], ["oct"], ["nov"], ["dec"]]

[[language]]
code = "pt"
name = "Portuguese"
source = "a test"
columns = { type = ["Tipo de atividade"], start = ["Data"] }
types = { "Corrida" = "Running", "Musculação" = "Strength Training" }
months = [["jan"], ["fev"], ["mar"], ["abr"], ["mai"], ["jun"], ["jul"], ["ago"], ["set"], ["out"], ["nov"], ["dez"]]
decimal_comma = true
"#;

    #[test]
    fn a_table_answers_columns_types_and_the_language_of_a_header() {
        let t = Languages::parse("test", TABLE);
        assert_eq!(t.columns("type"), ["Activity Type", "Tipo de atividade"]);
        assert_eq!(t.english_type("MUSCULACAO"), Some("Strength Training"));
        assert_eq!(t.english_type("Yoga"), None);
        let keys: Vec<String> = ["Tipo de atividade", "Data", "Distância"]
            .iter()
            .map(|k| crate::import::column_key(k))
            .collect();
        let (language, matched) = t.language_of(&keys).unwrap();
        assert_eq!((language.code.as_str(), matched), ("pt", 2));
        assert!(language.decimal_comma);
        assert_eq!(t.names(), "English, Portuguese");
    }

    #[test]
    #[should_panic(expected = "twelve months or none")]
    fn a_table_with_eleven_months_is_refused() {
        Languages::parse(
            "test",
            "[[language]]\ncode = \"x\"\nname = \"X\"\nsource = \"s\"\nmonths = [[\"a\"]]\n",
        );
    }
}
