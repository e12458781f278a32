//! The poster as SVG, in millimetres: the same layout as the PNG, text kept as text.

use std::fmt::Write as _;

use super::*;

impl Layout {
    /// The poster as SVG, in millimetres: the same shapes as [`Self::png`]. Text stays text (set
    /// in DejaVu where installed, each line held to its measured width), so the office can still
    /// edit it.
    pub fn svg(&self) -> String {
        let mut svg = String::with_capacity(64 * 1024);
        let _ = write!(
            svg,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH_MM}mm\" \
             height=\"{HEIGHT_MM}mm\" viewBox=\"0 0 {WIDTH_MM} {HEIGHT_MM}\">\n\
             <title>{}</title>\n\
             <rect width=\"{WIDTH_MM}\" height=\"{HEIGHT_MM}\" fill=\"{}\"/>\n",
            escape(&self.title),
            hex(PAPER),
        );
        for (index, item) in self.items.iter().enumerate() {
            match item {
                Item::Fill {
                    rect,
                    radius,
                    colour,
                } => {
                    let _ = writeln!(
                        svg,
                        "<rect {} rx=\"{}\" fill=\"{}\"/>",
                        rect_attributes(*rect),
                        mm(*radius),
                        hex(*colour)
                    );
                }
                Item::Landscape {
                    rect,
                    radius,
                    scenery,
                    shade,
                } => landscape_svg(&mut svg, index, *rect, *radius, scenery, *shade),
                Item::Code {
                    x,
                    y,
                    module,
                    qr,
                    colour,
                } => {
                    // One subpath per run of dark modules in a row, in module units.
                    let mut path = String::new();
                    for (my, from, to) in dark_runs(qr) {
                        let run = to - from;
                        let _ = write!(path, "M{from} {my}h{run}v1h-{run}z");
                    }
                    let _ = writeln!(
                        svg,
                        "<a href=\"{}\"><path transform=\"translate({} {}) scale({})\" \
                         fill=\"{}\" shape-rendering=\"crispEdges\" d=\"{path}\"/></a>",
                        escape(&self.link),
                        mm(*x as f32),
                        mm(*y as f32),
                        mm(*module as f32),
                        hex(*colour),
                    );
                }
                Item::Text(line) => {
                    let (family, style) = match line.face {
                        Face::Bold => (SANS_FAMILY, " font-weight=\"bold\""),
                        Face::Regular => (SANS_FAMILY, ""),
                        Face::Script => (SERIF_FAMILY, " font-style=\"italic\""),
                    };
                    let anchor = match line.align {
                        Align::Left => "",
                        Align::Centre => " text-anchor=\"middle\"",
                    };
                    let opacity = if line.opacity < 1.0 {
                        format!(" fill-opacity=\"{}\"", number(line.opacity))
                    } else {
                        String::new()
                    };
                    let _ = writeln!(
                        svg,
                        "<text x=\"{}\" y=\"{}\" font-family=\"{family}\" font-size=\"{}\"\
                         {style}{anchor} fill=\"{}\"{opacity} textLength=\"{}\" \
                         lengthAdjust=\"spacingAndGlyphs\">{}</text>",
                        mm(line.x),
                        mm(line.baseline),
                        mm(text::em_size(line.face, line.px)),
                        hex(line.colour),
                        mm(line.width()),
                        escape(&line.text),
                    );
                }
            }
        }
        svg.push_str("</svg>\n");
        svg
    }
}

const SANS_FAMILY: &str = "'DejaVu Sans', Verdana, Arial, sans-serif";
const SERIF_FAMILY: &str = "'DejaVu Serif', Georgia, serif";

/// The landscape as vectors: the sky's gradient, the sun's glow and disc, the ridges as
/// polygons along their crests, the shade, all clipped to the rounded band.
fn landscape_svg(
    svg: &mut String,
    index: usize,
    rect: Rect,
    radius: f32,
    scenery: &Scenery,
    (fraction, strength): (f32, f32),
) {
    let (x0, y0) = (rect.x as f32, rect.y as f32);
    let (w, h) = (rect.w as f32, rect.h as f32);
    let _ = writeln!(
        svg,
        "<defs>\n<clipPath id=\"band{index}\"><rect {} rx=\"{}\"/></clipPath>",
        rect_attributes(rect),
        mm(radius)
    );
    // The sky: the raster's curve sampled in stops.
    let _ = write!(
        svg,
        "<linearGradient id=\"sky{index}\" gradientUnits=\"userSpaceOnUse\" x1=\"0\" y1=\"{}\" \
         x2=\"0\" y2=\"{}\">",
        mm(y0),
        mm(y0 + scenery.horizon_y)
    );
    for step in 0..=STOPS {
        let t = step as f32 / STOPS as f32;
        let _ = write!(
            svg,
            "<stop offset=\"{}\" stop-color=\"{}\"/>",
            number(t),
            hex(scenery.sky_at(t * scenery.horizon_y))
        );
    }
    svg.push_str("</linearGradient>\n");
    let _ = write!(svg, "<radialGradient id=\"glow{index}\">");
    for step in 0..=STOPS {
        let t = step as f32 / STOPS as f32;
        let _ = write!(
            svg,
            "<stop offset=\"{}\" stop-color=\"{}\" stop-opacity=\"{}\"/>",
            number(t),
            hex(scenery.sun_colour),
            number(GLOW * (1.0 - t).powi(2))
        );
    }
    svg.push_str("</radialGradient>\n");
    // The shade: the raster's curve, from the top of the shaded part to the bottom.
    let shade_top = h - (h * fraction).floor();
    let _ = write!(
        svg,
        "<linearGradient id=\"shade{index}\" gradientUnits=\"userSpaceOnUse\" x1=\"0\" \
         y1=\"{}\" x2=\"0\" y2=\"{}\">",
        mm(y0 + shade_top),
        mm(y0 + h)
    );
    for step in 0..=STOPS {
        let t = step as f32 / STOPS as f32;
        let _ = write!(
            svg,
            "<stop offset=\"{}\" stop-color=\"{}\" stop-opacity=\"{}\"/>",
            number(t),
            hex(SHADE),
            number(strength * t.powf(1.4))
        );
    }
    svg.push_str("</linearGradient>\n</defs>\n");

    let _ = writeln!(svg, "<g clip-path=\"url(#band{index})\">");
    let _ = writeln!(
        svg,
        "<rect {} fill=\"url(#sky{index})\"/>",
        rect_attributes(rect)
    );
    let (sun_x, sun_y, sun_r) = scenery.sun;
    let _ = writeln!(
        svg,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"url(#glow{index})\"/>\n\
         <circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
        mm(x0 + sun_x),
        mm(y0 + sun_y),
        mm(scenery.glow_reach),
        mm(x0 + sun_x),
        mm(y0 + sun_y),
        mm(sun_r),
        hex(scenery.sun_colour)
    );
    for ridge in &scenery.ridges {
        let mut d = format!("M{} {}", mm(x0), mm(y0 + h));
        let last = ridge.tops.len().saturating_sub(1);
        for (x, top) in ridge.tops.iter().enumerate() {
            if x % RIDGE_STEP == 0 || x == last {
                let _ = write!(d, "L{} {}", mm(x0 + x as f32 + 0.5), mm(y0 + top));
            }
        }
        let _ = write!(d, "L{} {}Z", mm(x0 + w), mm(y0 + h));
        let _ = writeln!(svg, "<path fill=\"{}\" d=\"{d}\"/>", hex(ridge.colour));
    }
    let shaded = Rect {
        x: rect.x,
        y: rect.y + shade_top as u32,
        w: rect.w,
        h: rect.h - shade_top as u32,
    };
    let _ = writeln!(
        svg,
        "<rect {} fill=\"url(#shade{index})\"/>\n</g>",
        rect_attributes(shaded)
    );
}

/// Stops per gradient: the raster's curves are smooth enough for linear pieces this short.
const STOPS: usize = 12;
/// The ridges' crests are sampled every this many pixels (0.34 mm).
const RIDGE_STEP: usize = 4;
/// The colour of [`paint::shade`].
const SHADE: [u8; 3] = [8, 10, 20];

/// Pixels at [`DPI`] to millimetres, written short.
pub(super) fn mm(px: f32) -> String {
    number(px * 25.4 / DPI as f32)
}

/// At most three decimals, no trailing zeros.
pub(super) fn number(value: f32) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_owned(),
        _ => text.to_owned(),
    }
}

fn rect_attributes(rect: Rect) -> String {
    format!(
        "x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
        mm(rect.x as f32),
        mm(rect.y as f32),
        mm(rect.w as f32),
        mm(rect.h as f32)
    )
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Text safe inside an XML element or a double-quoted attribute.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids (the config's texts cannot hold them, but be sure).
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}
