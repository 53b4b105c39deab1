//! Hashtags and mentions as Decidim stores them: global ids (`gid://…`) in the text.
//!
//! Facts, from decidim-core (the same in v0.24.0 and on the 0.27 and develop branches):
//! - `content_parsers/hashtag_parser.rb` replaces `#Name` by the hashtag's global id, a `/`,
//!   then `_` when the hashtag is an *extra* one (the hashtags the author picked from the
//!   component's suggested list, which `proposals/hashtags_methods.rb` appends to the body
//!   after a blank line), then the name as written: `gid://participa/Decidim::Hashtag/41/GovernObert`,
//!   `gid://participa/Decidim::Hashtag/41/_GovernObert`.
//! - `content_renderers/hashtag_renderer.rb` matches
//!   `gid://[\w-]*/Decidim::Hashtag/(\d+)/?(_?)([[:alnum:]](?:[[:alnum:]]|_)*)?` and shows both
//!   kinds as `#Name` (`HashtagPresenter#name`, the name as written); the `_` only lets a
//!   caller hide the extra ones (`extras: false`), which the proposal page does not do.
//! - `content_parsers/user_parser.rb` and `user_group_parser.rb` replace `@nickname` by
//!   `gid://<app>/Decidim::User/<id>` or `…/Decidim::UserGroup/<id>`; the renderers
//!   (`gid://[\w-]+/Decidim::User/\d+`) show the mentioned profile's `@nickname`.
//! - Other parsers store links to resources the same way (`ProposalParser`:
//!   `gid://<app>/Decidim::Proposals::Proposal/<id>`), rendered as a link to the resource.

use std::borrow::Cow;

/// Who a mention names: the resolver given to [`super::markdown`] turns one into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// `gid://…/Decidim::User/<id>`: a participant.
    User,
    /// `gid://…/Decidim::UserGroup/<id>`: a user group (an association, a collective).
    UserGroup,
}

/// Longest hashtag name taken from a global id; Decidim's names are short words, and the cap
/// keeps one match from running over a whole text.
const MAX_NAME: usize = 200;

/// `text` with every Decidim global id made readable: hashtags as `#Name`, mentions of users
/// and groups as `mentions(kind, id)` returns, other resources as their kind and number
/// (`gid://x/Decidim::Proposals::Proposal/12` → `proposal 12`, since the export does not
/// say its address). A `gid://` that is not a complete Decidim global id is left as written:
/// Decidim did not write it. One pass over the text.
pub(super) fn rewrite<'a>(
    text: &'a str,
    mentions: &dyn Fn(MentionKind, &str) -> String,
) -> Cow<'a, str> {
    if !text.contains("gid://") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("gid://") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        match parse(after) {
            Some((gid, len)) => {
                render(&gid, mentions, &mut out);
                rest = &after[len..];
            }
            None => {
                out.push_str("gid://");
                rest = &after["gid://".len()..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[derive(Debug)]
struct Gid<'a> {
    /// The class after `Decidim::`: `Hashtag`, `User`, `Proposals::Proposal`.
    model: &'a str,
    id: &'a str,
    /// Hashtags only: the name as the author wrote it, without the extra-hashtag `_`.
    name: &'a str,
}

/// The global id at the start of `text` (which starts with `gid://`) and its length in bytes.
fn parse(text: &str) -> Option<(Gid<'_>, usize)> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let mut pos = "gid://".len();
    pos += text[pos..]
        .find(|c: char| !word(c))
        .unwrap_or(text.len() - pos);
    pos += text[pos..]
        .strip_prefix("/Decidim::")
        .map(|_| "/Decidim::".len())?;
    let model_len = text[pos..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == ':'))
        .unwrap_or(text.len() - pos);
    let model = &text[pos..pos + model_len];
    if model.is_empty() || model.ends_with(':') {
        return None;
    }
    pos += model_len;
    pos += text[pos..].strip_prefix('/').map(|_| 1)?;
    let id_len = text[pos..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len() - pos);
    if id_len == 0 {
        return None;
    }
    let id = &text[pos..pos + id_len];
    pos += id_len;
    let mut name = "";
    if model == "Hashtag" {
        // Decidim's parser always writes the `/` before the name; its renderer's regex makes
        // it optional, but a name run straight onto the id would only swallow what follows.
        let mut at = pos + 1;
        if !text[pos..].starts_with('/') {
            return Some((Gid { model, id, name }, pos));
        }
        if text[at..].starts_with('_') {
            at += 1;
        }
        // The name starts with a letter or digit and goes on with letters, digits and `_`.
        let starts = text[at..].chars().next().is_some_and(char::is_alphanumeric);
        if starts {
            let len = text[at..]
                .char_indices()
                .take_while(|&(i, c)| i < MAX_NAME && (c.is_alphanumeric() || c == '_'))
                .map(|(i, c)| i + c.len_utf8())
                .last()
                .unwrap_or(0);
            name = &text[at..at + len];
            // Another global id written straight after the name is not part of it.
            if text[at + len..].starts_with("://") {
                name = name.strip_suffix("gid").unwrap_or(name);
            }
            pos = at + name.len();
        }
    }
    Some((Gid { model, id, name }, pos))
}

fn render(gid: &Gid<'_>, mentions: &dyn Fn(MentionKind, &str) -> String, out: &mut String) {
    match gid.model {
        "Hashtag" if !gid.name.is_empty() => {
            out.push('#');
            out.push_str(gid.name);
        }
        // A hashtag id without its name: Decidim would look the name up; the export cannot.
        "Hashtag" => {
            out.push('#');
            out.push_str(gid.id);
        }
        "User" => out.push_str(&mentions(MentionKind::User, gid.id)),
        "UserGroup" => out.push_str(&mentions(MentionKind::UserGroup, gid.id)),
        model => {
            // `Proposals::CollaborativeDraft` → `collaborative draft`.
            let class = model.rsplit("::").next().unwrap_or(model);
            for (i, c) in class.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push(' ');
                }
                out.push(c.to_ascii_lowercase());
            }
            out.push(' ');
            out.push_str(gid.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(kind: MentionKind, id: &str) -> String {
        match kind {
            MentionKind::User => format!("@persona-{id}"),
            MentionKind::UserGroup => format!("@col·lectiu-{id}"),
        }
    }

    fn rw(text: &str) -> String {
        rewrite(text, &people).into_owned()
    }

    #[test]
    fn hashtags_show_as_written() {
        assert_eq!(
            rw("Proposta per al gid://participa/Decidim::Hashtag/41/GovernObert del 2024."),
            "Proposta per al #GovernObert del 2024."
        );
        // The extra hashtags the author picked: `_` marks them, Decidim shows them alike.
        assert_eq!(
            rw(
                "Text.\n\ngid://participa/Decidim::Hashtag/7/_Participació gid://decidim-app/Decidim::Hashtag/8/_Dades_Obertes"
            ),
            "Text.\n\n#Participació #Dades_Obertes"
        );
        assert_eq!(rw("gid://x/Decidim::Hashtag/41"), "#41");
    }

    #[test]
    fn mentions_are_what_the_resolver_says() {
        assert_eq!(
            rw("Com diu gid://participa/Decidim::User/49001, cal fer-ho."),
            "Com diu @persona-49001, cal fer-ho."
        );
        assert_eq!(
            rw("gid://participa/Decidim::UserGroup/12: d'acord"),
            "@col·lectiu-12: d'acord"
        );
    }

    #[test]
    fn other_global_ids_are_readable() {
        assert_eq!(
            rw("Vegeu gid://participa/Decidim::Proposals::Proposal/12."),
            "Vegeu proposal 12."
        );
        assert_eq!(
            rw("gid://participa/Decidim::Proposals::CollaborativeDraft/3"),
            "collaborative draft 3"
        );
        // Not Decidim's: left as written.
        assert_eq!(
            rw("gid://app/Foo/1 i gid:// i gid://x/Decidim::/1"),
            "gid://app/Foo/1 i gid:// i gid://x/Decidim::/1"
        );
    }

    #[test]
    fn many_ids_take_one_pass() {
        let text = "gid://p/Decidim::User/1 ".repeat(20_000);
        let out = rw(&text);
        assert_eq!(out.matches("@persona-1 ").count(), 20_000);
    }
}
