//! Rings in tile units: clipping to the buffered tile (Sutherland–Hodgman, exact
//! for a convex box), quantising to integers, and the MVT winding rule.

/// Clips a closed ring (first point not repeated) to the square [lo, hi]².
pub fn clip_ring(ring: &[(f64, f64)], lo: f64, hi: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = ring.to_vec();
    // Each edge of the box: keep the side where `inside` holds.
    type Edge = (
        fn((f64, f64), f64) -> bool,
        fn((f64, f64), (f64, f64), f64) -> (f64, f64),
    );
    let x_at =
        |a: (f64, f64), b: (f64, f64), x: f64| (x, a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0));
    let y_at =
        |a: (f64, f64), b: (f64, f64), y: f64| (a.0 + (b.0 - a.0) * (y - a.1) / (b.1 - a.1), y);
    let edges: [(Edge, f64); 4] = [
        ((|p, v| p.0 >= v, x_at), lo),
        ((|p, v| p.0 <= v, x_at), hi),
        ((|p, v| p.1 >= v, y_at), lo),
        ((|p, v| p.1 <= v, y_at), hi),
    ];
    for ((inside, cut), v) in edges {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let mut prev = input[input.len() - 1];
        for &cur in &input {
            match (inside(prev, v), inside(cur, v)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cut(prev, cur, v)),
                (false, true) => {
                    out.push(cut(prev, cur, v));
                    out.push(cur);
                }
                (false, false) => {}
            }
            prev = cur;
        }
    }
    out
}

/// Rounds to integer units and drops repeated points; `None` when fewer than
/// three distinct points or no area remain.
pub fn quantise(ring: &[(f64, f64)]) -> Option<Vec<(i32, i32)>> {
    let mut q: Vec<(i32, i32)> = Vec::with_capacity(ring.len());
    for &(x, y) in ring {
        let p = (x.round() as i32, y.round() as i32);
        if q.last() != Some(&p) {
            q.push(p);
        }
    }
    while q.len() > 1 && q.first() == q.last() {
        q.pop();
    }
    (q.len() >= 3 && twice_area(&q) != 0).then_some(q)
}

/// Twice the signed area (shoelace) in tile units, y pointing down: positive
/// means clockwise as drawn, which MVT 2.1 requires of exterior rings.
pub fn twice_area(ring: &[(i32, i32)]) -> i64 {
    let mut s = 0i64;
    for i in 0..ring.len() {
        let (x0, y0) = ring[i];
        let (x1, y1) = ring[(i + 1) % ring.len()];
        s += i64::from(x0) * i64::from(y1) - i64::from(x1) * i64::from(y0);
    }
    s
}

/// Orients a ring: exterior rings positive area, holes negative.
pub fn orient(mut ring: Vec<(i32, i32)>, exterior: bool) -> Vec<(i32, i32)> {
    if (twice_area(&ring) > 0) != exterior {
        ring.reverse();
    }
    ring
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_square_overlapping_the_edge_is_cut_at_the_edge() {
        let ring = [(-10.0, 10.0), (10.0, 10.0), (10.0, 20.0), (-10.0, 20.0)];
        let c = clip_ring(&ring, 0.0, 100.0);
        let q = quantise(&c).unwrap();
        assert_eq!(twice_area(&q).abs(), 2 * 10 * 10);
        assert!(q.iter().all(|&(x, _)| (0..=10).contains(&x)));
    }

    #[test]
    fn a_ring_outside_vanishes_and_a_sliver_is_dropped() {
        let ring = [(200.0, 200.0), (300.0, 200.0), (300.0, 300.0)];
        assert!(clip_ring(&ring, 0.0, 100.0).is_empty());
        let sliver = [(1.0, 1.0), (1.2, 1.1), (0.9, 1.3)];
        assert_eq!(quantise(&sliver), None);
    }

    #[test]
    fn winding_follows_the_spec() {
        // Clockwise on screen (y down): (0,0) → (10,0) → (10,10) → (0,10).
        let cw = vec![(0, 0), (10, 0), (10, 10), (0, 10)];
        assert!(twice_area(&cw) > 0);
        assert_eq!(orient(cw.clone(), true), cw);
        assert!(twice_area(&orient(cw, false)) < 0);
    }
}
