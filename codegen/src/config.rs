//! The builder API: [`Config`] for build scripts and the command line, and [`compile`] for the
//! common case.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::emit::Options;
use crate::error::{Error, Warning};
use crate::parts::generate_code;
use crate::resolve::{load, LoadOptions, Loaded};
use crate::summary::summarize;

/// Generates Rust code for `wsdl` into `$OUT_DIR/{wsdl file stem}.rs`, for a build script.
///
/// Prints `cargo:rerun-if-changed` for every file read and one `cargo:warning` per kind of
/// skipped construct, with the number of places and the first one. On error, prints every
/// diagnostic and a one-line summary to standard error and exits the build script with status
/// 1, so the build fails with a clear message.
///
/// In `build.rs`:
///
/// ```no_run
/// wsdl_codegen::compile("wsdl/EPKIManagerDevice.wsdl");
/// ```
///
/// The generated file is then included into a module:
///
/// ```ignore
/// pub mod device {
///     include!(concat!(env!("OUT_DIR"), "/EPKIManagerDevice.rs"));
/// }
/// ```
pub fn compile(wsdl: impl AsRef<Path>) {
    Config::new().compile(wsdl);
}

/// Result of [`Config::generate`].
#[derive(Clone, Debug)]
pub struct Generated {
    /// The formatted Rust source.
    pub code: String,
    /// Every file read, entry WSDL first.
    pub files: Vec<PathBuf>,
    /// Constructs skipped or mapped with loss.
    pub warnings: Vec<Warning>,
}

/// Settings of one generator run.
#[derive(Clone, Debug, Default)]
pub struct Config {
    options: Options,
    location_map: BTreeMap<String, PathBuf>,
    out_dir: Option<PathBuf>,
}

impl Config {
    /// Creates the default settings: no serde derives, no server skeleton, output into
    /// `$OUT_DIR`.
    ///
    /// ```
    /// let config = wsdl_codegen::Config::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Also derives `serde::Serialize` and `serde::Deserialize` on every generated type, so
    /// results can be printed as JSON. The crate that includes the code then needs `serde` with
    /// the `derive` feature. Field names stay the Rust names.
    ///
    /// ```
    /// let config = wsdl_codegen::Config::new().serde(true);
    /// ```
    pub fn serde(mut self, enabled: bool) -> Self {
        self.options.serde = enabled;
        self
    }

    /// Also generates, in each binding module, a `Handler` trait with one method per operation
    /// and a `dispatch` function that serves a request envelope with it.
    ///
    /// ```
    /// let config = wsdl_codegen::Config::new().server(true);
    /// ```
    pub fn server(mut self, enabled: bool) -> Self {
        self.options.server = enabled;
        self
    }

    /// Reads the file at `path` wherever an import or include names `location` (an absolute URL
    /// such as `https://example.com/Service?xsd=1`), so nothing is fetched from the network.
    ///
    /// ```
    /// let config = wsdl_codegen::Config::new()
    ///     .map_location("https://example.com/Service?xsd=1", "wsdl/Service_schema1.xsd");
    /// ```
    pub fn map_location(mut self, location: impl Into<String>, path: impl Into<PathBuf>) -> Self {
        self.location_map.insert(location.into(), path.into());
        self
    }

    /// Writes `prefix` for `namespace` in generated structs, in place of the default (`tns` for
    /// the WSDL's target namespace, `ns1`, `ns2`, … for others). Prefixes do not change the
    /// meaning of a message; this only makes the output look like another implementation's.
    ///
    /// ```
    /// let config = wsdl_codegen::Config::new().prefix("http://device.ws.epki.comodo.com/", "ns2");
    /// ```
    pub fn prefix(mut self, namespace: impl Into<String>, prefix: impl Into<String>) -> Self {
        self.options
            .prefixes
            .insert(namespace.into(), prefix.into());
        self
    }

    /// Writes the output into `dir` instead of `$OUT_DIR`.
    ///
    /// ```
    /// let config = wsdl_codegen::Config::new().out_dir("src/generated");
    /// ```
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Reads `wsdl` and everything it imports and returns the generated code.
    ///
    /// # Errors
    ///
    /// [`Error::Input`] with every problem found in the WSDL and its schemas, [`Error::Io`] when
    /// the entry file cannot be read, [`Error::Config`] for an invalid namespace prefix.
    ///
    /// ```no_run
    /// let generated = wsdl_codegen::Config::new().generate("wsdl/EPKIManagerDevice.wsdl")?;
    /// println!("{}", generated.code);
    /// # Ok::<(), wsdl_codegen::Error>(())
    /// ```
    pub fn generate(&self, wsdl: impl AsRef<Path>) -> Result<Generated, Error> {
        let loaded = self.load(wsdl)?;

        let header = header(&loaded.model.files);
        let (code, emitted_warnings) = generate_code(&loaded.model, &self.options, &header)?;

        let mut warnings = loaded.warnings;
        warnings.extend(emitted_warnings);
        Ok(Generated {
            code,
            files: loaded.model.files,
            warnings,
        })
    }

    /// Reads `wsdl` and everything it imports into the IR, with this configuration's location
    /// map, without generating code.
    ///
    /// # Errors
    ///
    /// As [`Config::generate`].
    pub fn load(&self, wsdl: impl AsRef<Path>) -> Result<Loaded, Error> {
        let load_options = LoadOptions {
            location_map: self.location_map.clone(),
        };
        load(wsdl.as_ref(), &load_options)
    }

    /// Generates code for `wsdl` and writes it to `{out dir}/{wsdl file stem}.rs` when its
    /// content changed, returning the path written.
    ///
    /// # Errors
    ///
    /// As [`Config::generate`], plus [`Error::Config`] when neither [`Config::out_dir`] nor
    /// `$OUT_DIR` gives an output directory and [`Error::Output`] when the file cannot be
    /// written.
    pub fn write(&self, wsdl: impl AsRef<Path>) -> Result<(PathBuf, Generated), Error> {
        let wsdl = wsdl.as_ref();
        let generated = self.generate(wsdl)?;

        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::Config(
                        "OUT_DIR is not set: call Config::out_dir, or run from a build script"
                            .to_owned(),
                    )
                })?,
        };
        let stem = wsdl.file_stem().map_or_else(
            || "generated".to_owned(),
            |stem| stem.to_string_lossy().into_owned(),
        );
        let path = dir.join(format!("{stem}.rs"));

        write_if_changed(&path, &generated.code)?;
        Ok((path, generated))
    }

    /// Runs [`Config::write`] for a build script. Prints `cargo:rerun-if-changed` for every
    /// file read, `cargo:rerun-if-env-changed=OUT_DIR`, and one `cargo:warning` per kind of
    /// skipped construct with the number of places and the first one. Every place goes to the
    /// `log` crate at debug level. On error, prints every diagnostic and a one-line summary to
    /// standard error and exits the build script with status 1; use [`Config::write`] to handle
    /// the error yourself.
    ///
    /// In `build.rs`:
    ///
    /// ```no_run
    /// wsdl_codegen::Config::new()
    ///     .prefix("http://device.ws.epki.comodo.com/", "ns2")
    ///     .server(true)
    ///     .compile("wsdl/EPKIManagerDevice.wsdl");
    /// ```
    pub fn compile(&self, wsdl: impl AsRef<Path>) {
        let wsdl = wsdl.as_ref();
        println!("cargo:rerun-if-changed={}", wsdl.display());
        if self.out_dir.is_none() {
            println!("cargo:rerun-if-env-changed=OUT_DIR");
        }

        match self.write(wsdl) {
            Ok((_, generated)) => {
                for file in &generated.files {
                    println!("cargo:rerun-if-changed={}", file.display());
                }
                report_warnings(wsdl, &generated.warnings);
            }
            Err(error) => {
                for line in error.to_string().lines() {
                    eprintln!("error: {line}");
                }
                eprintln!(
                    "error: wsdl-codegen failed for {}; fix the problems listed above",
                    wsdl.display()
                );
                // A non-zero exit fails the build without a panic message and backtrace hint.
                std::process::exit(1);
            }
        }
    }
}

/// The `@generated` comment: tool, version and input files, relative to the entry WSDL's
/// directory so the output does not depend on where the project is checked out.
fn header(files: &[PathBuf]) -> String {
    let canonical =
        |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let base = files
        .first()
        .map(|entry| canonical(entry))
        .and_then(|entry| entry.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let names: Vec<String> = files
        .iter()
        .map(|file| relative_path(&base, &canonical(file)))
        .collect();

    format!(
        "// @generated by wsdl-codegen {} from {}. Do not edit.",
        env!("CARGO_PKG_VERSION"),
        names.join(", ")
    )
}

/// Returns `path` relative to the directory `base`, with `..` where it leaves `base`, and `/`
/// as separator on every platform.
fn relative_path(base: &Path, path: &Path) -> String {
    let base: Vec<_> = base.components().collect();
    let target: Vec<_> = path.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();

    let ups = std::iter::repeat_n("..".to_owned(), base.len() - common);
    let downs = target[common..]
        .iter()
        .map(|component| component.as_os_str().to_string_lossy().into_owned());
    ups.chain(downs).collect::<Vec<_>>().join("/")
}

fn write_if_changed(path: &Path, code: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == code) {
        return Ok(());
    }
    std::fs::write(path, code).map_err(|source| Error::Output {
        path: path.to_path_buf(),
        source,
    })
}

/// Prints one `cargo:warning` per kind of warning (see [`summarize`]) and logs every warning
/// with the `log` crate at debug level.
fn report_warnings(wsdl: &Path, warnings: &[Warning]) {
    for warning in warnings {
        log::debug!("{warning}");
    }

    let summaries = summarize(warnings);
    for summary in &summaries {
        println!("cargo:warning=wsdl-codegen: {summary}");
    }
    if summaries.iter().any(|summary| summary.count > 1) {
        println!(
            "cargo:warning=wsdl-codegen: `wsdl-codegen generate --verbose {}` lists every place",
            wsdl.display()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_path_below_base() {
        let path = relative_path(Path::new("/a/wsdl"), Path::new("/a/wsdl/x/s.xsd"));

        assert_eq!(path, "x/s.xsd");
    }

    #[test]
    fn relative_path_beside_base() {
        let path = relative_path(Path::new("/a/wsdl"), Path::new("/a/xsd/s.xsd"));

        assert_eq!(path, "../xsd/s.xsd");
    }
}
