//! One set of formatters per language and currency for the whole run: making ICU4X's
//! formatters costs more than using them, and every calculator, comparison and case study of a
//! site writes its numbers in the same few currencies.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::{Language, Numbers};

/// The formatters made so far, found by language and currency.
static MADE: OnceLock<Mutex<Vec<Arc<Numbers>>>> = OnceLock::new();

impl Numbers {
    /// The formatters for `language` and `currency`, as [`Numbers::new`] makes them, made once
    /// per run and shared after that; an error is not kept, so it is reported wherever it occurs.
    pub fn shared(language: &Language, currency: &str) -> Result<Arc<Numbers>, String> {
        let made = MADE.get_or_init(Mutex::default);
        let same = |numbers: &&Arc<Numbers>| {
            numbers.language() == language && numbers.currency() == currency
        };
        let found = made
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .find(same)
            .cloned();
        if let Some(numbers) = found {
            return Ok(numbers);
        }
        let numbers = Arc::new(Numbers::new(language, currency)?);
        let mut made = made.lock().unwrap_or_else(PoisonError::into_inner);
        match made.iter().find(same) {
            Some(first) => Ok(Arc::clone(first)),
            None => {
                made.push(Arc::clone(&numbers));
                Ok(numbers)
            }
        }
    }
}
