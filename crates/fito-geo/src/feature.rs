//! A feature: one validated geometry and flat string/number attributes.

use std::collections::BTreeMap;

use crate::geometry::Geometry;

/// An attribute value. GIS formats agree on little beyond text and numbers, so
/// that is what a feature carries; readers turn booleans and nested JSON into
/// text rather than dropping them.
#[derive(Debug, Clone, PartialEq)]
pub enum PropertyValue {
    Text(String),
    Number(f64),
}

impl PropertyValue {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            PropertyValue::Text(s) => Some(s),
            PropertyValue::Number(_) => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            PropertyValue::Number(n) => Some(*n),
            PropertyValue::Text(_) => None,
        }
    }

    /// Text as written in text formats (CSV, KML): integers without ".0".
    pub fn to_text(&self) -> String {
        match self {
            PropertyValue::Text(s) => s.clone(),
            PropertyValue::Number(n) => format_number(*n),
        }
    }
}

impl From<&str> for PropertyValue {
    fn from(s: &str) -> Self {
        PropertyValue::Text(s.to_owned())
    }
}

impl From<String> for PropertyValue {
    fn from(s: String) -> Self {
        PropertyValue::Text(s)
    }
}

impl From<f64> for PropertyValue {
    fn from(n: f64) -> Self {
        PropertyValue::Number(n)
    }
}

pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Ordered by name, so every writer emits columns in the same order.
pub type Properties = BTreeMap<String, PropertyValue>;

#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    pub geometry: Geometry,
    pub properties: Properties,
}

impl Feature {
    pub fn new(geometry: Geometry) -> Self {
        Feature {
            geometry,
            properties: Properties::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl Into<PropertyValue>) -> Self {
        self.properties.insert(name.to_owned(), value.into());
        self
    }
}
