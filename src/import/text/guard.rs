//! Decidim's CSV formula-injection guard, taken off again.
//!
//! The rule, in `decidim-core/lib/decidim/exporters/csv.rb` (`custom_sanitize` and
//! `invalid_first_chars`, added by decidim/decidim#6325 in July 2020 and unchanged from
//! v0.24.0 through the 0.27 and 0.28+ branches): a cell value whose Ruby class is exactly
//! `String` (`instance_of?`, so numbers, dates, `nil` and other classes pass untouched) and
//! whose *first character* is one of `=`, `+`, `-` or `@` gets one `'` prepended. The rule
//! looks at the whole value once: a value with several lines is guarded at its start only,
//! never per line, and a value that already starts with `'` is not guarded again. The JSON
//! exporter has no such rule, so this applies to CSV cells only (the Excel exporter has the
//! same rule, but obert reads CSV and JSON).

/// The characters after which Decidim's CSV exporter prepends `'` (`invalid_first_chars`).
const GUARDED: [char; 4] = ['=', '+', '-', '@'];

/// `cell` without the `'` Decidim's CSV exporter put in front of it: exactly one leading
/// `'` when the next character is `=`, `+`, `-` or `@`; any other text is returned as it
/// is (an apostrophe that opens a quotation, `'hola'`, stays). Call it on CSV cells only,
/// before any other processing (before trimming: Decidim looked at the raw first character).
///
/// One case cannot be told apart: a citizen's text that itself began with `'=`, `'+`, `'-`
/// or `'@` was exported unguarded (its first character is `'`) and loses that apostrophe
/// here. Decidim's export gives no way to tell, and a guard left in place is far more common.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(GUARDED) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guard_goes_where_decidim_put_it() {
        assert_eq!(unguard("'+1 a aquesta proposta"), "+1 a aquesta proposta");
        assert_eq!(unguard("'- Frases curtes"), "- Frases curtes");
        assert_eq!(unguard("'=SUMA(A1:A3)"), "=SUMA(A1:A3)");
        assert_eq!(
            unguard("'@ajuntament, què en penseu?"),
            "@ajuntament, què en penseu?"
        );
        // Multi-line: only the start was guarded; later lines are the citizen's own.
        assert_eq!(
            unguard("'- primer punt\n- segon punt\n'- tercer"),
            "- primer punt\n- segon punt\n'- tercer"
        );
    }

    #[test]
    fn other_apostrophes_stay() {
        assert_eq!(unguard("'hola', va dir"), "'hola', va dir");
        assert_eq!(unguard("'"), "'");
        assert_eq!(unguard(""), "");
        assert_eq!(unguard("L'Hospitalet -+ ' -"), "L'Hospitalet -+ ' -");
        // Decidim adds one apostrophe only, so only one comes off.
        assert_eq!(unguard("''+1"), "''+1");
        // Not guarded by Decidim (leading space): left alone.
        assert_eq!(unguard(" '-1"), " '-1");
    }
}
