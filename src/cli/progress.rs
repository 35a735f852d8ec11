//! The progress bar: [`dyad::progress::Progress`] shown with indicatif on standard error.
//!
//! Nothing is drawn for work that ends within a second, and nothing at all when standard error
//! is not a terminal, so scripts and pipes see no progress output. A stage with a known size
//! shows a bar; one without shows a spinner; both show the stage's name and the time spent.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before its progress is shown.
const DELAY: Duration = Duration::from_secs(1);

/// A progress bar that appears after [`DELAY`] on a terminal.
pub struct Bar {
    bar: ProgressBar,
    done: Arc<Mutex<bool>>,
}

impl Bar {
    /// A bar that stays hidden until the work has run for a second, and for good when standard
    /// error is not a terminal.
    pub fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let done = Arc::new(Mutex::new(false));
        if std::io::stderr().is_terminal() {
            let (bar, done) = (bar.clone(), done.clone());
            std::thread::spawn(move || {
                std::thread::sleep(DELAY);
                let done = done.lock().unwrap_or_else(|e| e.into_inner());
                if !*done {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Bar { bar, done }
    }
}

impl dyad::progress::Progress for Bar {
    fn stage(&self, what: &str, total: Option<u64>) {
        let style = match total {
            Some(_) => {
                ProgressStyle::with_template("{spinner} {msg} [{elapsed}] {wide_bar} {percent:>3}%")
            }
            None => ProgressStyle::with_template("{spinner} {msg} [{elapsed}]"),
        };
        if let Ok(style) = style {
            self.bar.set_style(style);
        }
        self.bar
            .set_message(dyad::text::terminal_safe(what).into_owned());
        self.bar.set_length(total.unwrap_or(0));
        self.bar.set_position(0);
    }

    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }

    fn finish(&self) {
        *self.done.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.bar.finish_and_clear();
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        dyad::progress::Progress::finish(self);
    }
}
