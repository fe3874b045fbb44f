//! Cutting a listing into pages: how many pages a list of items makes, the address of each page
//! (the first at the listing's own address, the others at `page/2/`, `page/3/` … below it), which
//! items a page shows, and the [`Paginator`] its template sees. Any listing uses it the same way:
//!
//! ```
//! use stepwise::paginate::{Paginator, page_count, page_items, page_url};
//!
//! let items: Vec<u32> = (1..=50).collect();
//! assert_eq!(page_count(items.len(), 24), 3);
//! assert_eq!(page_url("/kinds/guide/", 1), "/kinds/guide/");
//! assert_eq!(page_url("/kinds/guide/", 2), "/kinds/guide/page/2/");
//! assert_eq!(page_items(&items, 24, 3), &[49, 50]);
//! let paginator = Paginator::new("/kinds/guide/", 2, 3);
//! assert_eq!(paginator.previous.as_deref(), Some("/kinds/guide/"));
//! assert_eq!(paginator.next.as_deref(), Some("/kinds/guide/page/3/"));
//! ```
//!
//! It knows nothing of the site: a listing gives its items, its own address and the number of
//! items a page holds (`paginate_by` in `stepwise.toml`).

use serde::Serialize;

/// The folder below a listing's address that holds its later pages: `/kinds/guide/page/2/`.
pub const PAGE_FOLDER: &str = "page";

/// How many pages on each side of the current one the page navigation links to by number; the
/// first and the last page are always linked, so a listing of thousands of pages keeps a short
/// navigation.
const NEARBY: usize = 2;

/// How many pages `len` items make at `per_page` items a page: at least one, so that an empty
/// listing still has its page.
pub fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1)).max(1)
}

/// The address of page `number` (from 1) of the listing at `first`, which ends in `/`.
pub fn page_url(first: &str, number: usize) -> String {
    if number <= 1 {
        first.to_string()
    } else {
        format!("{first}{PAGE_FOLDER}/{number}/")
    }
}

/// The items page `number` (from 1) shows, at `per_page` items a page; empty past the end.
pub fn page_items<T>(items: &[T], per_page: usize, number: usize) -> &[T] {
    let per_page = per_page.max(1);
    let start = number.saturating_sub(1).saturating_mul(per_page);
    let end = start.saturating_add(per_page).min(items.len());
    items.get(start..end).unwrap_or_default()
}

/// One page of a listing as its template sees it, as `paginator`. `U` is an address: a
/// `String`, or any value that serialises as one, such as an address made once for every page of
/// a listing and shared by the paginators that link to it (see [`Paginator::linking`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paginator<U = String> {
    /// The number of this page, from 1.
    pub current: usize,
    /// How many pages the listing has.
    pub total: usize,
    /// The address of the first page: the listing's own.
    pub first: U,
    /// The address of the last page.
    pub last: U,
    /// The address of the page before, if there is one.
    pub previous: Option<U>,
    /// The address of the page after, if there is one.
    pub next: Option<U>,
    /// The pages the navigation links to by number: the first, the last, and those near this
    /// one, in order; `gap_before` marks one that does not follow the one before it.
    pub pages: Vec<PageLink<U>>,
}

/// A page the navigation links to by number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageLink<U = String> {
    /// Its number, from 1.
    pub number: usize,
    /// Its address.
    pub url: U,
    /// Whether it is the page being shown.
    pub current: bool,
    /// Whether pages are left out between the one before it and this one.
    pub gap_before: bool,
}

impl Paginator {
    /// Page `current` (from 1) of `total` pages of the listing at `first`.
    pub fn new(first: &str, current: usize, total: usize) -> Self {
        Paginator::linking(current, total, |number| page_url(first, number))
    }
}

impl<U> Paginator<U> {
    /// Page `current` (from 1) of `total` pages, the address of page `number` being
    /// `url(number)`.
    pub fn linking(current: usize, total: usize, url: impl Fn(usize) -> U) -> Self {
        let total = total.max(1);
        let current = current.clamp(1, total);
        // The first page, those near this one and the last, in order: a page already linked
        // (when these meet) is skipped. Not a pass over every page, which listings of hundreds
        // of pages would make for each of them.
        let nearby =
            current.saturating_sub(NEARBY).max(1)..=current.saturating_add(NEARBY).min(total);
        let numbers = std::iter::once(1)
            .chain(nearby)
            .chain(std::iter::once(total));
        let mut pages = Vec::with_capacity(2 * NEARBY + 3);
        let mut last_linked = 0;
        for number in numbers {
            if number <= last_linked {
                continue;
            }
            pages.push(PageLink {
                number,
                url: url(number),
                current: number == current,
                gap_before: last_linked > 0 && number > last_linked + 1,
            });
            last_linked = number;
        }
        Paginator {
            current,
            total,
            first: url(1),
            last: url(total),
            previous: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_make_pages() {
        let cases = [
            (0, 24, 1),
            (1, 24, 1),
            (24, 24, 1),
            (25, 24, 2),
            (48, 24, 2),
            (49, 24, 3),
            (5, 0, 5),
        ];
        for (len, per_page, pages) in cases {
            assert_eq!(
                page_count(len, per_page),
                pages,
                "page_count({len}, {per_page})"
            );
        }
    }

    #[test]
    fn pages_show_their_items() {
        let items: Vec<usize> = (0..25).collect();
        let cases: [(usize, &[usize]); 4] = [
            (
                1,
                &[
                    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                    22, 23,
                ],
            ),
            (2, &[24]),
            (3, &[]),
            (
                0,
                &[
                    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                    22, 23,
                ],
            ),
        ];
        for (number, expected) in cases {
            assert_eq!(page_items(&items, 24, number), expected, "page {number}");
        }
    }

    #[test]
    fn addresses_of_pages() {
        let cases = [
            ("/steps/a/", 1, "/steps/a/"),
            ("/steps/a/", 2, "/steps/a/page/2/"),
            ("/guide/kinds/b/", 10, "/guide/kinds/b/page/10/"),
        ];
        for (first, number, expected) in cases {
            assert_eq!(
                page_url(first, number),
                expected,
                "page_url({first}, {number})"
            );
        }
    }

    /// A page the navigation links: its number, and whether pages are left out before it.
    type Linked = (usize, bool);

    #[test]
    fn the_navigation_links_the_ends_and_the_pages_nearby() {
        let numbers = |p: &Paginator| -> Vec<(usize, bool)> {
            p.pages
                .iter()
                .map(|link| (link.number, link.gap_before))
                .collect()
        };
        let cases: [(usize, usize, &[Linked]); 5] = [
            (1, 1, &[(1, false)]),
            (1, 3, &[(1, false), (2, false), (3, false)]),
            (1, 10, &[(1, false), (2, false), (3, false), (10, true)]),
            (
                6,
                10,
                &[
                    (1, false),
                    (4, true),
                    (5, false),
                    (6, false),
                    (7, false),
                    (8, false),
                    (10, true),
                ],
            ),
            (10, 10, &[(1, false), (8, true), (9, false), (10, false)]),
        ];
        for (current, total, expected) in cases {
            let paginator = Paginator::new("/x/", current, total);
            assert_eq!(numbers(&paginator), expected, "page {current} of {total}");
        }
    }

    #[test]
    fn the_navigation_links_exactly_the_ends_and_the_pages_nearby() {
        for total in 1..=30_usize {
            for current in 1..=total {
                let linked: Vec<usize> = (1..=total)
                    .filter(|&n| n == 1 || n == total || n.abs_diff(current) <= NEARBY)
                    .collect();
                let paginator = Paginator::new("/x/", current, total);
                let numbers: Vec<usize> = paginator.pages.iter().map(|link| link.number).collect();
                assert_eq!(numbers, linked, "page {current} of {total}");
            }
        }
    }

    #[test]
    fn previous_and_next_stop_at_the_ends() {
        let first = Paginator::new("/x/", 1, 3);
        assert_eq!(
            (first.previous, first.next.as_deref()),
            (None, Some("/x/page/2/"))
        );
        let last = Paginator::new("/x/", 3, 3);
        assert_eq!(
            (last.previous.as_deref(), last.next),
            (Some("/x/page/2/"), None)
        );
        assert_eq!(
            (last.first.as_str(), last.last.as_str()),
            ("/x/", "/x/page/3/")
        );
        assert!(
            last.pages
                .iter()
                .any(|link| link.current && link.number == 3)
        );
    }
}
