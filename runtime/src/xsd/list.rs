//! `xs:list`: items separated by whitespace in one element's text.

use std::fmt;
use std::str::FromStr;

use yaserde::{de, ser, YaDeserialize, YaSerialize};

/// The items of an `xs:list` value, written separated by single spaces.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct List<T>(pub Vec<T>);

impl<T: FromStr> FromStr for List<T>
where
    T::Err: fmt::Display,
{
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.split_whitespace()
            .map(|item| {
                item.parse()
                    .map_err(|error| format!("invalid list item {item:?}: {error}"))
            })
            .collect::<Result<Vec<T>, String>>()
            .map(List)
    }
}

impl<T: fmt::Display> fmt::Display for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, item) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{item}")?;
        }
        Ok(())
    }
}

impl<T: fmt::Display> YaSerialize for List<T> {
    fn serialize<W: std::io::Write>(&self, writer: &mut ser::Serializer<W>) -> yaserde::Result<()> {
        yaserde::primitives::serialize_primitives(self, "List", writer, |list| list.to_string())
    }

    fn serialize_attributes(
        &self,
        attributes: Vec<yaserde::__xml::attribute::OwnedAttribute>,
        namespace: yaserde::__xml::namespace::Namespace,
    ) -> yaserde::Result<(
        Vec<yaserde::__xml::attribute::OwnedAttribute>,
        yaserde::__xml::namespace::Namespace,
    )> {
        Ok((attributes, namespace))
    }
}

impl<T: FromStr> YaDeserialize for List<T>
where
    T::Err: fmt::Display,
{
    fn deserialize<R: std::io::Read>(reader: &mut de::Deserializer<R>) -> yaserde::Result<Self> {
        yaserde::primitives::deserialize_primitives(reader, |text| {
            text.parse().map_err(yaserde::Error::custom)
        })
    }
}
