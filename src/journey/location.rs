//! A shared location: the spot the tourist stands at, or the nearest ones.

use super::{Button, Ctx, Outcome, Reply, open_spot};
use crate::geo::{self, Nearby};
use crate::i18n::Lang;
use crate::journey::Action;
use crate::tourist::Tourist;

/// A location is trusted up to this uncertainty: a vaguer fix could "be" at every spot at once.
const MAX_ACCURACY_M: f64 = 500.0;
/// How many spots the "nearest spots" answer lists.
const NEAREST_COUNT: usize = 3;

pub(super) fn on_location(
    ctx: &Ctx,
    tourist: &mut Tourist,
    lat: f64,
    lon: f64,
    accuracy_m: Option<f64>,
) -> Outcome {
    let accuracy = accuracy_m.unwrap_or(0.0).clamp(0.0, MAX_ACCURACY_M);
    let nearby = geo::nearest(&ctx.config.spots, lat, lon);
    if let Some(here) = nearby
        .iter()
        .find(|n| n.distance_m <= n.spot.radius_m.0 + accuracy)
    {
        return open_spot(ctx, tourist, here.spot);
    }
    Outcome::show(nearest_spots(ctx, &nearby))
}

/// No spot right here: the nearest ones with their distance, and the nearest as a map venue.
fn nearest_spots(ctx: &Ctx, nearby: &[Nearby]) -> Vec<Reply> {
    let rows = nearby
        .iter()
        .take(NEAREST_COUNT)
        .map(|n| {
            let label = format!(
                "{} · {}",
                ctx.text(&n.spot.name),
                format_distance(ctx.lang, n.distance_m)
            );
            vec![Button::action(
                label,
                Action::OpenSpot(n.spot.id().to_owned()),
            )]
        })
        .collect();
    let mut replies = vec![Reply::with_buttons(ctx.t("spots-nearest"), rows)];
    if let Some(nearest) = nearby.first() {
        replies.push(Reply::Venue {
            lat: nearest.spot.lat.0,
            lon: nearest.spot.lon.0,
            title: ctx.text(&nearest.spot.name).to_owned(),
            address: nearest
                .spot
                .address
                .clone()
                .unwrap_or_else(|| ctx.destination().to_owned()),
        });
    }
    replies
}

/// "350 m", "1.2 km" (with the language's decimal separator).
fn format_distance(lang: Lang, metres: f64) -> String {
    if metres < 1000.0 {
        return format!("{} m", (metres / 10.0).round() as u64 * 10);
    }
    let km = if metres < 10_000.0 {
        format!("{:.1}", metres / 1000.0)
    } else {
        format!("{:.0}", metres / 1000.0)
    };
    if lang == Lang::En {
        format!("{km} km")
    } else {
        format!("{} km", km.replace('.', ","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_read_naturally() {
        assert_eq!(format_distance(Lang::En, 347.0), "350 m");
        assert_eq!(format_distance(Lang::En, 1234.0), "1.2 km");
        assert_eq!(format_distance(Lang::Fr, 1234.0), "1,2 km");
        assert_eq!(format_distance(Lang::De, 25_400.0), "25 km");
    }
}
