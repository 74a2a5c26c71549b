//! `serde` support (feature `serde`), so generated types built with `Config::serde(true)` can
//! be printed as JSON: each value is written as its XML text, lists as sequences.

use std::str::FromStr;

use serde::de::{Deserializer, Error as _};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::{
    AnyAttribute, AnyContent, AnyElement, Base64Binary, Date, DateTime, Decimal, Empty, HexBinary,
    Integer, List, MixedText, TextRun, Time,
};
use crate::OwnedQName;

/// Implements `Serialize` as `Display` text and `Deserialize` through `FromStr`.
macro_rules! text_serde {
    ($($type:ty),*) => {$(
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                <$type as FromStr>::from_str(&text).map_err(D::Error::custom)
            }
        }
    )*};
}

text_serde!(
    Decimal,
    Integer,
    DateTime,
    Date,
    Time,
    Base64Binary,
    HexBinary
);

impl Serialize for AnyContent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.xml)
    }
}

impl<'de> Deserialize<'de> for AnyContent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|xml| AnyContent { xml })
    }
}

impl Serialize for Empty {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de> Deserialize<'de> for Empty {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <()>::deserialize(deserializer).map(|()| Empty)
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(deserializer).map(List)
    }
}

impl Serialize for AnyElement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.xml())
    }
}

impl<'de> Deserialize<'de> for AnyElement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let xml = String::deserialize(deserializer)?;
        if xml.is_empty() {
            return Ok(AnyElement::default());
        }
        AnyElement::parse(&xml).map_err(D::Error::custom)
    }
}

/// Written as `(namespace, local name, value)`.
impl Serialize for AnyAttribute {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (&self.name.namespace, &self.name.local, &self.value).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AnyAttribute {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (namespace, local, value) = <(String, String, String)>::deserialize(deserializer)?;
        Ok(AnyAttribute {
            name: OwnedQName::new(namespace, local),
            value,
        })
    }
}

/// Written as a sequence of `(position, text)` pairs.
impl Serialize for MixedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let runs: Vec<(usize, &str)> = self
            .runs
            .iter()
            .map(|run| (run.position, run.text.as_str()))
            .collect();
        runs.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for MixedText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let runs = Vec::<(usize, String)>::deserialize(deserializer)?;
        Ok(MixedText {
            runs: runs
                .into_iter()
                .map(|(position, text)| TextRun { position, text })
                .collect(),
        })
    }
}
