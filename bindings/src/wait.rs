//! Enrolling and then polling `collect` until the certificate is issued.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::certificate::{Certificate, CollectFormat, Collected};
use crate::client::Client;
use crate::error::Error;
use crate::input::EnrollOptions;
use crate::OrderNumber;

/// A progress callback of [`Client::enroll_and_wait`] and [`Client::wait_for_certificate`].
pub type ProgressCallback = Arc<dyn Fn(&WaitProgress) + Send + Sync>;

/// Polling settings of [`Client::enroll_and_wait`] and [`Client::wait_for_certificate`].
#[derive(Clone)]
pub struct WaitOptions {
    /// Format to collect the certificate in (default [`CollectFormat::PemBundle`]).
    pub format: CollectFormat,
    /// Delay before the first `collect` of [`Client::enroll_and_wait`], and after the first
    /// `collect` of [`Client::wait_for_certificate`], which sends it at once (default 5 s).
    pub first_delay: Duration,
    /// Maximum delay between two `collect` calls; each delay doubles up to it (default 60 s).
    pub max_delay: Duration,
    /// Total time to wait for the certificate, from the enrollment or from the start of
    /// [`Client::wait_for_certificate`] (default 15 min). No `collect` starts after it, except
    /// the first of `wait_for_certificate`, and the last one may end up to the call timeout
    /// later.
    pub deadline: Duration,
    /// Maximum number of `collect` calls (default 100).
    pub max_attempts: u32,
    /// Called after each step.
    pub on_progress: Option<ProgressCallback>,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            format: CollectFormat::PemBundle,
            first_delay: Duration::from_secs(5),
            max_delay: Duration::from_secs(60),
            deadline: Duration::from_secs(15 * 60),
            max_attempts: 100,
            on_progress: None,
        }
    }
}

impl WaitOptions {
    /// Sets the progress callback.
    pub fn on_progress(mut self, callback: impl Fn(&WaitProgress) + Send + Sync + 'static) -> Self {
        self.on_progress = Some(Arc::new(callback));
        self
    }

    fn report(&self, progress: &WaitProgress) {
        tracing::info!(?progress, "enroll and wait");
        if let Some(callback) = &self.on_progress {
            callback(progress);
        }
    }
}

impl fmt::Debug for WaitOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitOptions")
            .field("format", &self.format)
            .field("first_delay", &self.first_delay)
            .field("max_delay", &self.max_delay)
            .field("deadline", &self.deadline)
            .field("max_attempts", &self.max_attempts)
            .field("on_progress", &self.on_progress.is_some())
            .finish()
    }
}

/// A step of [`Client::enroll_and_wait`] or [`Client::wait_for_certificate`] (which reports no
/// `Enrolled` step).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitProgress {
    /// The order was created.
    Enrolled(OrderNumber),
    /// `collect` found the order still in processing; the next attempt follows after `next_delay`.
    Pending {
        /// The order.
        order_number: OrderNumber,
        /// Number of `collect` calls so far.
        attempt: u32,
        /// Delay before the next call.
        next_delay: Duration,
    },
    /// The certificate was collected.
    Issued(OrderNumber),
}

impl Client {
    /// Enrolls, then collects until the certificate is issued, the deadline passes or a call
    /// fails.
    ///
    /// Uses `tokio::time::sleep` between attempts, so the async runtime needs its timer
    /// enabled.
    ///
    /// # Errors
    ///
    /// Every error of [`Client::enroll`]. Once the order exists, errors carry its number:
    /// [`Error::WaitTimedOut`] after the deadline or the attempt limit, and
    /// [`Error::AfterEnroll`] for a failed `collect`.
    pub async fn enroll_and_wait(
        &self,
        common_name: &str,
        org_id: i32,
        term_years: i32,
        csr: &str,
        options: &EnrollOptions,
        wait: &WaitOptions,
    ) -> Result<(OrderNumber, Certificate), Error> {
        let order_number = self
            .enroll(common_name, org_id, term_years, csr, options)
            .await?;
        wait.report(&WaitProgress::Enrolled(order_number));

        let certificate = self.wait_for(order_number, wait, Start::SleepFirst).await?;
        wait.report(&WaitProgress::Issued(order_number));
        Ok((order_number, certificate))
    }

    /// Collects an order that already exists until its certificate is issued, the deadline
    /// passes or a call fails: use it to resume waiting for an order that [`Client::enroll`]
    /// created earlier, for example in another process.
    ///
    /// The first `collect` is sent at once, because the order already exists; later ones follow
    /// `wait.first_delay` and its backoff, as in [`Client::enroll_and_wait`]. At least one
    /// `collect` is sent, whatever the deadline.
    ///
    /// # Errors
    ///
    /// [`Error::WaitTimedOut`] after the deadline or the attempt limit, and the error of a
    /// failed `collect` as it is.
    pub async fn wait_for_certificate(
        &self,
        order_number: OrderNumber,
        wait: &WaitOptions,
    ) -> Result<Certificate, Error> {
        let certificate = self
            .wait_for(order_number, wait, Start::CollectFirst)
            .await
            .map_err(|error| match error {
                Error::AfterEnroll { source, .. } => *source,
                other => other,
            })?;
        wait.report(&WaitProgress::Issued(order_number));
        Ok(certificate)
    }

    async fn wait_for(
        &self,
        order_number: OrderNumber,
        wait: &WaitOptions,
        start: Start,
    ) -> Result<Certificate, Error> {
        let started = Instant::now();
        let mut delay = match start {
            Start::SleepFirst => wait.first_delay,
            Start::CollectFirst => Duration::ZERO,
        };
        let mut attempt = 0;

        loop {
            let out_of_time = started.elapsed().saturating_add(delay) > wait.deadline;
            let must_try = attempt == 0 && start == Start::CollectFirst;
            if attempt >= wait.max_attempts || (out_of_time && !must_try) {
                return Err(Error::WaitTimedOut {
                    order_number,
                    waited: started.elapsed(),
                    attempts: attempt,
                });
            }
            tokio::time::sleep(delay).await;

            attempt += 1;
            let collected = self.collect(order_number, wait.format).await;
            match collected {
                Ok(Collected::Issued(certificate)) => return Ok(certificate),
                Ok(Collected::Pending) => {
                    delay = next_delay(delay, wait);
                    wait.report(&WaitProgress::Pending {
                        order_number,
                        attempt,
                        next_delay: delay,
                    });
                }
                Err(error) => {
                    return Err(Error::AfterEnroll {
                        order_number,
                        source: Box::new(error),
                    })
                }
            }
        }
    }
}

/// When the first `collect` of a wait is sent.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// After `first_delay`: the order was just placed.
    SleepFirst,
    /// At once: the order was placed earlier.
    CollectFirst,
}

/// Returns the pause after a pending `collect` that followed a pause of `delay`: `first_delay`
/// after none, then doubling up to `max_delay`.
fn next_delay(delay: Duration, wait: &WaitOptions) -> Duration {
    if delay.is_zero() {
        return wait.first_delay.min(wait.max_delay);
    }
    delay.saturating_mul(2).min(wait.max_delay)
}
