//! The pieces a chart is drawn from: rectangles, lines and labels on a canvas, each label with
//! the width of the box it must stay in (`data-box`) and its estimated width (`data-width`), so
//! tests can hold one against the other. Numbers are written with at most one decimal, so the
//! same analysis always gives the same bytes. The markup itself comes from `templates/chart.svg`.

use super::measure::{fit, text_width};
use serde::Serialize;

/// Font sizes in pixels of the label classes; the stylesheet uses the same.
pub const LABEL: f64 = 12.0;
pub const SMALL: f64 = 11.0;

/// A chart's drawing, in pixels.
#[derive(Debug, Clone, Serialize)]
pub struct Canvas {
    pub width: String,
    pub height: String,
    pub items: Vec<Item>,
    #[serde(skip)]
    w: f64,
    #[serde(skip)]
    h: f64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    Rect {
        x: String,
        y: String,
        w: String,
        h: String,
        class: &'static str,
        /// The tooltip a browser shows, and what a screen reader may read.
        title: String,
    },
    Line {
        x1: String,
        y1: String,
        x2: String,
        y2: String,
        class: &'static str,
    },
    Text {
        x: String,
        y: String,
        anchor: &'static str,
        class: &'static str,
        text: String,
        /// The width of the box the text must stay in.
        box_width: String,
        /// The text's estimated width.
        width: String,
    },
}

/// Where a label is anchored: its box starts, is centred, or ends at `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A pixel figure with at most one decimal and no trailing `.0`.
pub fn px(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Whether a label class is drawn bold.
fn bold(class: &str) -> bool {
    class.contains("strong")
}

/// The font size of a label class.
pub fn size_of(class: &str) -> f64 {
    if class.contains("small") {
        SMALL
    } else {
        LABEL
    }
}

/// The estimated width of a label of `class`.
pub fn label_width(text: &str, class: &str) -> f64 {
    text_width(text, size_of(class), bold(class))
}

impl Canvas {
    pub fn new(width: f64, height: f64) -> Canvas {
        Canvas {
            width: px(width),
            height: px(height),
            items: Vec::new(),
            w: width,
            h: height,
        }
    }

    pub fn width(&self) -> f64 {
        self.w
    }

    pub fn height(&self) -> f64 {
        self.h
    }

    /// Grows the canvas to `height`, for charts laid out top to bottom.
    pub fn set_height(&mut self, height: f64) {
        self.h = height;
        self.height = px(height);
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: &'static str, title: String) {
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        self.items.push(Item::Rect {
            x: px(x),
            y: px(y),
            w: px(w),
            h: px(h),
            class,
            title,
        });
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, class: &'static str) {
        self.items.push(Item::Line {
            x1: px(x1),
            y1: px(y1),
            x2: px(x2),
            y2: px(y2),
            class,
        });
    }

    /// A label at `x` (its anchor) and baseline `y`, in a box `box_width` wide. Returns false,
    /// drawing nothing, when the label would not fit its box.
    pub fn text(
        &mut self,
        x: f64,
        y: f64,
        anchor: Anchor,
        class: &'static str,
        text: &str,
        box_width: f64,
    ) -> bool {
        let width = label_width(text, class);
        let box_width = box_width.floor();
        if width > box_width || text.is_empty() {
            return false;
        }
        self.items.push(Item::Text {
            x: px(x),
            y: px(y),
            anchor: match anchor {
                Anchor::Start => "start",
                Anchor::Middle => "middle",
                Anchor::End => "end",
            },
            class,
            text: text.to_string(),
            box_width: px(box_width),
            width: px(width),
        });
        true
    }

    /// The labels drawn, as (text, estimated width, box width), for tests.
    pub fn labels(&self) -> Vec<(String, f64, f64)> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    text,
                    width,
                    box_width,
                    ..
                } => Some((
                    text.clone(),
                    width.parse().unwrap_or(f64::MAX),
                    box_width.parse().unwrap_or(0.0),
                )),
                _ => None,
            })
            .collect()
    }
}

/// A legend: swatches with their labels, laid out left to right and wrapped at `width`, from
/// `top`. Returns the height used.
pub fn legend(
    canvas: &mut Canvas,
    entries: &[(&'static str, String)],
    left: f64,
    top: f64,
    width: f64,
) -> f64 {
    const SWATCH: f64 = 10.0;
    const GAP: f64 = 16.0;
    const LINE: f64 = 18.0;
    let mut x = left;
    let mut y = top;
    for (class, text) in entries {
        let w = label_width(text, "small");
        let need = SWATCH + 4.0 + w;
        if x > left && x + need > left + width {
            x = left;
            y += LINE;
        }
        let room = left + width - x - SWATCH - 4.0;
        let Some(shown) = fit(text, SMALL, false, room) else {
            continue;
        };
        canvas.rect(x, y + 2.0, SWATCH, SWATCH, class, text.clone());
        canvas.text(
            x + SWATCH + 4.0,
            y + 11.0,
            Anchor::Start,
            "small",
            &shown,
            room,
        );
        x += SWATCH + 4.0 + label_width(&shown, "small") + GAP;
    }
    y + LINE - top
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_stable() {
        assert_eq!(px(12.0), "12");
        assert_eq!(px(12.04), "12");
        assert_eq!(px(12.25), "12.3");
        assert_eq!(px(-0.01), "0");
    }

    #[test]
    fn a_label_that_does_not_fit_is_not_drawn() {
        let mut c = Canvas::new(100.0, 20.0);
        assert!(!c.text(0.0, 10.0, Anchor::Start, "label", "a long label", 10.0));
        assert!(c.text(0.0, 10.0, Anchor::Start, "label", "ok", 40.0));
        let labels = c.labels();
        assert_eq!(labels.len(), 1);
        assert!(labels[0].1 <= labels[0].2);
    }
}
