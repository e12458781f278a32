//! Distances on the Earth, to find the spot a tourist is standing at.

use crate::config::Spot;

/// A spot and how far the tourist is from it.
#[derive(Debug)]
pub struct Nearby<'a> {
    pub spot: &'a Spot,
    pub distance_m: f64,
}

/// Great-circle distance in metres (haversine; plenty accurate at city scale).
pub fn distance_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_000.0;
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let d_phi = (lat2 - lat1).to_radians();
    let d_lambda = (lon2 - lon1).to_radians();
    let a = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().asin()
}

/// All spots, nearest first.
pub fn nearest(spots: &[Spot], lat: f64, lon: f64) -> Vec<Nearby<'_>> {
    let mut nearby: Vec<Nearby> = spots
        .iter()
        .map(|spot| Nearby {
            spot,
            distance_m: distance_m(lat, lon, spot.lat.0, spot.lon.0),
        })
        .collect();
    nearby.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
    nearby
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pau_castle_to_halles_is_about_600_m() {
        // Château de Pau → Halles de Pau, measured on a map: ~650 m.
        let d = distance_m(43.2951, -0.3753, 43.2980, -0.3700);
        assert!((500.0..800.0).contains(&d), "{d}");
    }

    #[test]
    fn same_point_is_zero() {
        assert_eq!(distance_m(43.3, -0.37, 43.3, -0.37), 0.0);
    }
}
