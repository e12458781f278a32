//! One outgoing lane per chat: a chat's replies leave in order, and a chat whose replies wait
//! (Telegram's limit of about 20 messages a minute per chat, a slow postcard) holds no one else.
//! The update's handler only applies the update and queues its replies, so teloxide's dispatcher,
//! which blocks every chat when one chat's queue is full, is never held by a slow chat.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures::future::BoxFuture;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

/// A lane with nothing to send for this long ends (a new one starts with the chat's next reply).
const IDLE: Duration = Duration::from_secs(30);

type Job = BoxFuture<'static, ()>;

#[derive(Clone, Default)]
pub(super) struct Lanes {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    open: Mutex<HashMap<i64, mpsc::UnboundedSender<Job>>>,
    tasks: Mutex<JoinSet<()>>,
}

impl Lanes {
    /// Queues `job` behind the chat's earlier jobs.
    pub(super) fn push(&self, chat: i64, job: impl Future<Output = ()> + Send + 'static) {
        let mut open = self
            .inner
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let job: Job = Box::pin(job);
        let job = match open.get(&chat) {
            Some(lane) => match lane.send(job) {
                Ok(()) => return,
                // The lane just ended: start a new one with the job.
                Err(mpsc::error::SendError(job)) => job,
            },
            None => job,
        };
        let (lane, jobs) = mpsc::unbounded_channel();
        let _ = lane.send(job);
        open.insert(chat, lane);
        let inner = self.inner.clone();
        let mut tasks = self
            .inner
            .tasks
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Lanes that ended are let go of here: the set holds the live ones only.
        while tasks.try_join_next().is_some() {}
        tasks.spawn(run(inner, chat, jobs));
    }

    /// For a clean stop: lets every lane finish what it holds for at most `patience`, then drops
    /// the rest (what it would have said is stored already).
    pub(super) async fn drain(&self, patience: Duration) {
        self.inner
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        let mut tasks = std::mem::take(
            &mut *self
                .inner
                .tasks
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        let finished = tokio::time::timeout(patience, async {
            while tasks.join_next().await.is_some() {}
        })
        .await;
        if finished.is_err() {
            tracing::warn!(
                left = tasks.len(),
                "replies still waiting at the stop were dropped"
            );
            tasks.shutdown().await;
        }
    }
}

async fn run(inner: Arc<Inner>, chat: i64, mut jobs: mpsc::UnboundedReceiver<Job>) {
    loop {
        match tokio::time::timeout(IDLE, jobs.recv()).await {
            Ok(Some(job)) => job.await,
            Ok(None) => return,
            Err(_idle) => {
                let mut open = inner.open.lock().unwrap_or_else(PoisonError::into_inner);
                // Jobs are queued under this lock: none can slip in between the check and the end.
                if jobs.is_empty() {
                    open.remove(&chat);
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn a_chat_keeps_its_order_and_a_slow_chat_holds_no_one() {
        let lanes = Lanes::default();
        let (tx, mut rx) = mpsc::unbounded_channel();
        let (release, hold) = tokio::sync::oneshot::channel::<()>();
        // Chat 1 is stuck behind a reply that waits.
        lanes.push(1, async move {
            let _ = hold.await;
        });
        for i in 0..5 {
            let tx = tx.clone();
            lanes.push(2, async move {
                let _ = tx.send((2, i));
            });
        }
        let tx1 = tx.clone();
        lanes.push(1, async move {
            let _ = tx1.send((1, 0));
        });
        let mut seen = Vec::new();
        for _ in 0..5 {
            seen.push(rx.recv().await.unwrap());
        }
        assert_eq!(seen, (0..5).map(|i| (2, i)).collect::<Vec<_>>());
        let _ = release.send(());
        assert_eq!(rx.recv().await.unwrap(), (1, 0));
    }

    #[tokio::test]
    async fn a_stop_waits_a_while_then_drops_what_is_left() {
        let lanes = Lanes::default();
        let done = Arc::new(AtomicUsize::new(0));
        for chat in 0..3 {
            let done = done.clone();
            lanes.push(chat, async move {
                done.fetch_add(1, Ordering::Relaxed);
            });
        }
        lanes.push(9, futures::future::pending());
        // A reply that never leaves (Telegram holding it) does not hold the stop.
        lanes.drain(Duration::from_millis(200)).await;
        assert_eq!(done.load(Ordering::Relaxed), 3);
    }
}
