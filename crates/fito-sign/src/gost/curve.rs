//! Short Weierstrass curve arithmetic (y² = x³ + ax + b over GF(p)) and the
//! GOST R 34.10-2012/2015 verification equation.
//!
//! Only verification is done here: every input is public, so the arithmetic is
//! variable-time on purpose (plain `num-bigint`), which keeps it short and easy to
//! audit. Points are kept in Jacobian coordinates so a scalar multiplication
//! needs one field inversion instead of one per step.

use num_bigint::BigUint;
use num_traits::{One, Zero};

/// Domain parameters of one curve: field prime, coefficients, the order of the
/// base point and the base point itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Curve {
    pub(crate) p: BigUint,
    pub(crate) a: BigUint,
    pub(crate) b: BigUint,
    pub(crate) q: BigUint,
    pub(crate) gx: BigUint,
    pub(crate) gy: BigUint,
}

/// An affine point known to lie on its curve (constructed only by
/// [`Curve::point`], which checks it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AffinePoint {
    pub(crate) x: BigUint,
    pub(crate) y: BigUint,
}

/// Jacobian point (X, Y, Z) standing for (X/Z², Y/Z³); Z = 0 is infinity.
#[derive(Clone, Debug)]
struct Jacobian {
    x: BigUint,
    y: BigUint,
    z: BigUint,
}

impl Curve {
    /// Builds a curve from big-endian hex constants (the way standards print them).
    pub(crate) fn from_hex(p: &str, a: &str, b: &str, q: &str, gx: &str, gy: &str) -> Self {
        let h = |s: &str| BigUint::parse_bytes(s.as_bytes(), 16).expect("curve constant is hex");
        Curve {
            p: h(p),
            a: h(a),
            b: h(b),
            q: h(q),
            gx: h(gx),
            gy: h(gy),
        }
    }

    /// The order q of the base point (bit length 512 for the 512-bit sets).
    pub fn order(&self) -> &BigUint {
        &self.q
    }

    /// Returns the point if (x, y) is on the curve; `None` otherwise. A public
    /// key that is not on the curve must never reach the arithmetic: an
    /// off-curve point can make the verification equation meaningless.
    pub fn point(&self, x: BigUint, y: BigUint) -> Option<AffinePoint> {
        if x >= self.p || y >= self.p {
            return None;
        }
        let lhs = (&y * &y) % &self.p;
        let rhs = (&x * &x * &x + &self.a * &x + &self.b) % &self.p;
        (lhs == rhs).then_some(AffinePoint { x, y })
    }

    fn base(&self) -> AffinePoint {
        AffinePoint {
            x: self.gx.clone(),
            y: self.gy.clone(),
        }
    }

    fn sub(&self, l: &BigUint, r: &BigUint) -> BigUint {
        ((l + &self.p) - (r % &self.p)) % &self.p
    }

    fn mul(&self, l: &BigUint, r: &BigUint) -> BigUint {
        (l * r) % &self.p
    }

    fn infinity() -> Jacobian {
        Jacobian {
            x: BigUint::one(),
            y: BigUint::one(),
            z: BigUint::zero(),
        }
    }

    fn lift(pt: &AffinePoint) -> Jacobian {
        Jacobian {
            x: pt.x.clone(),
            y: pt.y.clone(),
            z: BigUint::one(),
        }
    }

    /// Doubling with the general-a formulas (GOST curves are not all a = -3).
    fn double(&self, pt: &Jacobian) -> Jacobian {
        if pt.z.is_zero() || pt.y.is_zero() {
            return Self::infinity();
        }
        let yy = self.mul(&pt.y, &pt.y);
        let zz = self.mul(&pt.z, &pt.z);
        let s = self.mul(&(BigUint::from(4u8) * &pt.x), &yy);
        let m = (BigUint::from(3u8) * self.mul(&pt.x, &pt.x)
            + self.mul(&self.a, &self.mul(&zz, &zz)))
            % &self.p;
        let x3 = self.sub(&self.mul(&m, &m), &(BigUint::from(2u8) * &s));
        let eight_y4 = (BigUint::from(8u8) * self.mul(&yy, &yy)) % &self.p;
        let y3 = self.sub(&self.mul(&m, &self.sub(&s, &x3)), &eight_y4);
        let z3 = self.mul(&(BigUint::from(2u8) * &pt.y), &pt.z);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    fn add(&self, l: &Jacobian, r: &Jacobian) -> Jacobian {
        if l.z.is_zero() {
            return r.clone();
        }
        if r.z.is_zero() {
            return l.clone();
        }
        let z1z1 = self.mul(&l.z, &l.z);
        let z2z2 = self.mul(&r.z, &r.z);
        let u1 = self.mul(&l.x, &z2z2);
        let u2 = self.mul(&r.x, &z1z1);
        let s1 = self.mul(&l.y, &self.mul(&r.z, &z2z2));
        let s2 = self.mul(&r.y, &self.mul(&l.z, &z1z1));
        if u1 == u2 {
            // Same x: either the same point (double) or opposite points (infinity).
            return if s1 == s2 {
                self.double(l)
            } else {
                Self::infinity()
            };
        }
        let h = self.sub(&u2, &u1);
        let rr = self.sub(&s2, &s1);
        let hh = self.mul(&h, &h);
        let hhh = self.mul(&hh, &h);
        let u1hh = self.mul(&u1, &hh);
        let x3 = self.sub(
            &self.sub(&self.mul(&rr, &rr), &hhh),
            &(BigUint::from(2u8) * &u1hh),
        );
        let y3 = self.sub(&self.mul(&rr, &self.sub(&u1hh, &x3)), &self.mul(&s1, &hhh));
        let z3 = self.mul(&h, &self.mul(&l.z, &r.z));
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// k1·P1 + k2·P2 in one pass over the bits (Shamir's trick).
    fn double_mul(
        &self,
        k1: &BigUint,
        p1: &AffinePoint,
        k2: &BigUint,
        p2: &AffinePoint,
    ) -> Jacobian {
        let (j1, j2) = (Self::lift(p1), Self::lift(p2));
        let both = self.add(&j1, &j2);
        let mut acc = Self::infinity();
        for i in (0..k1.bits().max(k2.bits())).rev() {
            acc = self.double(&acc);
            acc = match (k1.bit(i), k2.bit(i)) {
                (true, true) => self.add(&acc, &both),
                (true, false) => self.add(&acc, &j1),
                (false, true) => self.add(&acc, &j2),
                (false, false) => acc,
            };
        }
        acc
    }

    /// Affine x of a Jacobian point, `None` for infinity.
    fn affine_x(&self, pt: &Jacobian) -> Option<BigUint> {
        if pt.z.is_zero() {
            return None;
        }
        let z_inv = pt.z.modinv(&self.p)?;
        let z_inv2 = self.mul(&z_inv, &z_inv);
        Some(self.mul(&pt.x, &z_inv2))
    }

    /// k·P for the base point P, in affine coordinates (`None` for infinity).
    /// Only the test signer of the `testkit` feature needs it; variable-time
    /// like everything here, which is acceptable for throw-away test keys only.
    #[cfg(feature = "testkit")]
    pub(crate) fn mul_base(&self, k: &BigUint) -> Option<AffinePoint> {
        let base = self.base();
        let pt = self.double_mul(k, &base, &BigUint::zero(), &base);
        if pt.z.is_zero() {
            return None;
        }
        let z_inv = pt.z.modinv(&self.p)?;
        let z_inv2 = self.mul(&z_inv, &z_inv);
        let z_inv3 = self.mul(&z_inv2, &z_inv);
        Some(AffinePoint {
            x: self.mul(&pt.x, &z_inv2),
            y: self.mul(&pt.y, &z_inv3),
        })
    }

    /// GOST R 34.10-2012 §6.2 verification with the hash already reduced to an
    /// integer `alpha` (how the digest bytes become that integer is a property of
    /// the encoding, decided by the caller).
    pub fn verify(&self, public: &AffinePoint, alpha: &BigUint, r: &BigUint, s: &BigUint) -> bool {
        let q = &self.q;
        if r.is_zero() || s.is_zero() || r >= q || s >= q {
            return false;
        }
        let mut e = alpha % q;
        if e.is_zero() {
            e = BigUint::one();
        }
        let Some(v) = e.modinv(q) else {
            return false;
        };
        let z1 = (s * &v) % q;
        let z2 = (q - (r * &v) % q) % q;
        let c = self.double_mul(&z1, &self.base(), &z2, public);
        match self.affine_x(&c) {
            Some(x) => &(x % q) == r,
            None => false,
        }
    }
}
