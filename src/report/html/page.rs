//! A self-contained HTML page: a header, a summary, figures (an SVG chart with its figures in
//! tables beside it) and the document's blocks, rendered from the templates in `templates/`
//! with every value escaped. Inline CSS only: no script, no font or image from the network.
//! Any report can fill a `Page` (`plan` today, `place` later); the words come from the caller.

use super::svg::Canvas;
use crate::report::document::Block;
use crate::report::{Lang, messages::Msg};
use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment};
use serde::Serialize;
use std::io::{self, Write};

const PAGE: &str = include_str!("templates/page.html");
const CHART: &str = include_str!("templates/chart.svg");
const STYLE: &str = include_str!("templates/style.css");

/// A whole page.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The `lang` attribute: `en` or `zh-CN`.
    pub lang: &'static str,
    pub title: String,
    pub subtitle: String,
    /// The one decision the page reports, shown first.
    pub summary: Option<Summary>,
    pub figures_heading: String,
    pub figures: Vec<Figure>,
    pub blocks: Vec<BlockView>,
    pub footer: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub heading: String,
    pub text: String,
    /// The colour of the box: `fits` when nothing is to be done, else `advice`.
    pub tone: &'static str,
}

/// A chart and its figures.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub id: String,
    pub title: String,
    pub caption: String,
    pub chart: Canvas,
    pub tables: Vec<FigureTable>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureTable {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<FigureCell>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureCell {
    pub text: String,
    pub numeric: bool,
    /// A verdict key, for its colour.
    pub verdict: Option<&'static str>,
}

impl FigureCell {
    pub fn text(text: impl Into<String>) -> FigureCell {
        FigureCell {
            text: text.into(),
            numeric: false,
            verdict: None,
        }
    }

    pub fn num(text: impl Into<String>) -> FigureCell {
        FigureCell {
            numeric: true,
            ..FigureCell::text(text)
        }
    }

    pub fn verdict(msg: &Msg, v: crate::plan::Verdict) -> FigureCell {
        FigureCell {
            verdict: Some(v.key()),
            ..FigureCell::text(msg.verdict(v))
        }
    }
}

/// A document block as the page template reads it.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockView {
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
    },
    List {
        items: Vec<String>,
    },
    Numbered {
        items: Vec<String>,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<FigureCell>>,
    },
}

impl BlockView {
    pub fn of(block: &Block) -> BlockView {
        match block {
            Block::Heading(level, text) => BlockView::Heading {
                level: (*level).clamp(1, 6),
                text: text.clone(),
            },
            Block::Paragraph(text) => BlockView::Paragraph { text: text.clone() },
            Block::List(items) => BlockView::List {
                items: items.clone(),
            },
            Block::Numbered(items) => BlockView::Numbered {
                items: items.clone(),
            },
            Block::Table(t) => BlockView::Table {
                header: t.header.clone(),
                rows: t
                    .rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|c| FigureCell {
                                text: c.text.clone(),
                                numeric: c.numeric,
                                verdict: c.verdict.map(|v| v.key()),
                            })
                            .collect()
                    })
                    .collect(),
            },
        }
    }
}

/// The `lang` attribute of a language.
pub fn lang_attr(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    }
}

/// Text with `code` marks as HTML: escaped, the marks made `<code>`.
fn code_marks(text: &str) -> Value {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in text.split('`').enumerate() {
        let escaped = escape(part);
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&escaped);
            out.push_str("</code>");
        } else {
            out.push_str(&escaped);
        }
    }
    Value::from_safe_string(out)
}

/// The HTML escape of `text`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
    out
}

fn environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    let mut syntax = minijinja::syntax::SyntaxConfig::builder();
    syntax.trim_blocks(true).lstrip_blocks(true);
    env.set_syntax(syntax.build()?);
    env.add_filter("code", |s: String| code_marks(&s));
    env.add_template("page.html", PAGE)?;
    env.add_template("chart.svg", CHART)?;
    Ok(env)
}

/// Writes `page` as one HTML file.
pub fn write(page: &Page, out: &mut dyn Write) -> io::Result<()> {
    let rendered = environment()
        .and_then(|env| {
            env.get_template("page.html")?.render(minijinja::context! {
                page => Value::from(Serde(page)),
                style => Value::from_safe_string(STYLE.to_string()),
            })
        })
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(rendered.as_bytes())?;
    if !rendered.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_marks_and_escapes() {
        let v = code_marks("add `catalog: <x>` & go");
        assert_eq!(
            v.as_str(),
            Some("add <code>catalog: &lt;x&gt;</code> &amp; go")
        );
    }
}
