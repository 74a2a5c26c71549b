//! `enroll_and_wait` and `wait_for_certificate`: polling with backoff, progress reports and the
//! deadline.

mod common;

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ccm_device::{CollectFormat, EnrollOptions, Error, OrderNumber, WaitOptions, WaitProgress};
use common::service::ORDER;

fn quick(progress: Arc<Mutex<Vec<WaitProgress>>>) -> WaitOptions {
    WaitOptions {
        format: CollectFormat::PemCertificate,
        first_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
        deadline: Duration::from_secs(5),
        max_attempts: 20,
        ..WaitOptions::default()
    }
    .on_progress(move |step| progress.lock().unwrap().push(step.clone()))
}

#[tokio::test]
async fn waits_until_issued() {
    let fixture = common::fixture().await;
    fixture.service.pending_collects.store(3, Ordering::SeqCst);
    let progress = Arc::new(Mutex::new(Vec::new()));

    let (order, certificate) = fixture
        .client
        .enroll_and_wait(
            "device-01.example.com",
            1,
            1,
            &fixture.pki.csr_pem,
            &EnrollOptions::default(),
            &quick(progress.clone()),
        )
        .await
        .unwrap();
    assert_eq!(order.get(), ORDER);
    assert_eq!(certificate.format(), CollectFormat::PemCertificate);
    assert_eq!(certificate.certificates_der().count(), 1);

    let steps = progress.lock().unwrap().clone();
    assert_eq!(steps.len(), 5, "{steps:?}");
    assert_eq!(steps[0], WaitProgress::Enrolled(order));
    let delays: Vec<Duration> = steps[1..4]
        .iter()
        .map(|step| match step {
            WaitProgress::Pending { next_delay, .. } => *next_delay,
            other => panic!("expected Pending, got {other:?}"),
        })
        .collect();
    assert_eq!(
        delays,
        [
            Duration::from_millis(20),
            Duration::from_millis(40),
            Duration::from_millis(40)
        ]
    );
    assert_eq!(steps[4], WaitProgress::Issued(order));

    // One enroll and four collects.
    assert_eq!(fixture.server.requests().len(), 5);
}

#[tokio::test]
async fn deadline_keeps_order_number() {
    let fixture = common::fixture().await;
    fixture
        .service
        .pending_collects
        .store(1000, Ordering::SeqCst);
    let wait = WaitOptions {
        first_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(20),
        deadline: Duration::from_millis(300),
        ..WaitOptions::default()
    };

    let error = fixture
        .client
        .enroll_and_wait(
            "device-01.example.com",
            1,
            1,
            &fixture.pki.csr_pem,
            &EnrollOptions::default(),
            &wait,
        )
        .await
        .unwrap_err();
    match &error {
        Error::WaitTimedOut {
            order_number,
            waited,
            attempts,
        } => {
            assert_eq!(order_number.get(), ORDER);
            // The last collect may end after the deadline, by one round trip on loopback.
            assert!(*waited >= Duration::from_millis(250), "{waited:?}");
            assert!(*waited < Duration::from_secs(2), "{waited:?}");
            assert!(*attempts >= 5, "{attempts}");
        }
        other => panic!("expected WaitTimedOut, got {other}"),
    }
    assert!(error.to_string().contains(&ORDER.to_string()), "{error}");
}

#[tokio::test]
async fn attempt_limit_bounds_calls() {
    let fixture = common::fixture().await;
    fixture
        .service
        .pending_collects
        .store(1000, Ordering::SeqCst);
    let wait = WaitOptions {
        first_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(1),
        max_attempts: 3,
        ..WaitOptions::default()
    };

    let error = fixture
        .client
        .enroll_and_wait(
            "device-01.example.com",
            1,
            1,
            &fixture.pki.csr_pem,
            &EnrollOptions::default(),
            &wait,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::WaitTimedOut { attempts: 3, .. }),
        "{error}"
    );
    assert_eq!(fixture.server.requests().len(), 4);
}

#[tokio::test]
async fn collect_failure_keeps_order_number() {
    let fixture = common::fixture().await;
    // The service hands out order 777, which its collect then does not know.
    *fixture.service.enroll_status.lock().unwrap() = Some(777);
    let wait = WaitOptions {
        first_delay: Duration::from_millis(1),
        ..WaitOptions::default()
    };

    let error = fixture
        .client
        .enroll_and_wait(
            "device-01.example.com",
            1,
            1,
            &fixture.pki.csr_pem,
            &EnrollOptions::default(),
            &wait,
        )
        .await
        .unwrap_err();
    match &error {
        Error::AfterEnroll {
            order_number,
            source,
        } => {
            assert_eq!(order_number.get(), 777);
            assert_eq!(
                source.status(),
                Some(ccm_device::Status::OrderNumberNotFound)
            );
        }
        other => panic!("expected AfterEnroll, got {other}"),
    }
    assert!(
        error.to_string().contains("order 777 was enrolled"),
        "{error}"
    );
}

#[tokio::test]
async fn huge_first_delay_times_out_at_once() {
    let fixture = common::fixture().await;
    let wait = WaitOptions {
        first_delay: Duration::MAX,
        max_delay: Duration::MAX,
        deadline: Duration::from_secs(60),
        ..WaitOptions::default()
    };

    let error = fixture
        .client
        .enroll_and_wait(
            "device-01.example.com",
            1,
            1,
            &fixture.pki.csr_pem,
            &EnrollOptions::default(),
            &wait,
        )
        .await
        .unwrap_err();

    match error {
        Error::WaitTimedOut {
            order_number,
            attempts,
            ..
        } => {
            assert_eq!(order_number.get(), ORDER);
            assert_eq!(attempts, 0);
        }
        other => panic!("expected WaitTimedOut, got {other}"),
    }
}

#[tokio::test]
async fn waits_for_existing_order() {
    let fixture = common::fixture().await;
    fixture.service.pending_collects.store(2, Ordering::SeqCst);
    let progress = Arc::new(Mutex::new(Vec::new()));
    let order = OrderNumber::new(ORDER).unwrap();

    let certificate = fixture
        .client
        .wait_for_certificate(order, &quick(progress.clone()))
        .await
        .unwrap();
    assert_eq!(certificate.format(), CollectFormat::PemCertificate);

    let steps = progress.lock().unwrap().clone();
    assert_eq!(steps.len(), 3, "{steps:?}");
    assert!(
        matches!(steps[0], WaitProgress::Pending { attempt: 1, .. }),
        "{steps:?}"
    );
    assert!(
        matches!(steps[1], WaitProgress::Pending { attempt: 2, .. }),
        "{steps:?}"
    );
    assert_eq!(steps[2], WaitProgress::Issued(order));

    // No enroll: three collects only.
    assert_eq!(fixture.server.requests().len(), 3);
}

/// A resumed wait collects at once, even with a long first delay and no time left.
#[tokio::test]
async fn resumed_wait_collects_at_once() {
    let fixture = common::fixture().await;
    let order = OrderNumber::new(ORDER).unwrap();
    let wait = WaitOptions {
        first_delay: Duration::from_secs(600),
        deadline: Duration::ZERO,
        ..WaitOptions::default()
    };

    let certificate = tokio::time::timeout(
        Duration::from_secs(10),
        fixture.client.wait_for_certificate(order, &wait),
    )
    .await
    .expect("no sleep before the first collect")
    .unwrap();

    assert_eq!(certificate.format(), WaitOptions::default().format);
    assert_eq!(fixture.server.requests().len(), 1);
}

/// A failed collect in a resumed wait is the collect's own error: nothing was enrolled.
#[tokio::test]
async fn resumed_wait_returns_collect_error() {
    let fixture = common::fixture().await;
    let order = OrderNumber::new(ORDER + 1).unwrap();

    let error = fixture
        .client
        .wait_for_certificate(order, &quick(Arc::default()))
        .await
        .unwrap_err();

    assert_eq!(
        error.status(),
        Some(ccm_device::Status::OrderNumberNotFound),
        "{error}"
    );
    assert!(!error.to_string().contains("was enrolled"), "{error}");
}
