//! The comments section under an article: the conversation split into pages of whole threads, the
//! reader's own pending comments, and the form (empty, or as sent with what went wrong).

use super::*;

/// What the comment form showed and what went wrong, for re-rendering after an error.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    pub name: String,
    pub email: String,
    /// "Tell me of replies" was ticked.
    pub notify: bool,
    pub body: String,
    pub parent_id: Option<i64>,
    /// (field, Fluent id)
    pub errors: Vec<(&'static str, &'static str)>,
}

/// Top-level comments per page of a conversation, each with all its replies. However long a story's
/// conversation grows, its page stays a size a slow phone can load, and the cached copies of the
/// page take bounded memory (an approval adds to the last page, not to every reader's first one).
pub(crate) const THREADS_PER_PAGE: usize = 50;

/// Which page of an article's comments to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum CommentsPage {
    /// The first page: the article's own address.
    #[default]
    First,
    /// Page `n` (1-based), as asked for by `?comments=n`; past the last page is "not found".
    Number(usize),
    /// The page holding this comment (a reply form, the notice after posting, a link to a comment);
    /// the first page when it is not shown at all.
    Containing(i64),
}

/// What this reader asked to see of the conversation.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CommentsView {
    /// The comment being answered (`?reply_to=`).
    pub reply_to: Option<i64>,
    /// The reader has just posted: say it awaits moderation.
    pub posted: bool,
    pub page: CommentsPage,
}

/// Where each page starts and ends in `depths` (a thread in reading order, depth 0 opening each
/// top-level comment): `per_page` top-level comments per page, never splitting one from its
/// replies. At least one page, empty when there are no comments.
fn page_bounds(depths: &[usize], per_page: usize) -> Vec<std::ops::Range<usize>> {
    let starts: Vec<usize> = depths
        .iter()
        .enumerate()
        .filter(|(_, depth)| **depth == 0)
        .map(|(index, _)| index)
        .collect();
    let mut pages: Vec<std::ops::Range<usize>> =
        starts.chunks(per_page.max(1)).map(|chunk| chunk[0]..depths.len()).collect();
    for next in 1..pages.len() {
        let start = pages[next].start;
        pages[next - 1].end = start;
    }
    if pages.is_empty() {
        pages.push(0..depths.len());
    }
    pages
}

/// Builds the comments section of an article page for this reader.
pub(crate) async fn section<S: Store>(
    state: &AppState<S>,
    target: &CommentTarget,
    headers: &HeaderMap,
    csrf: &CsrfToken,
    form: FormState,
    view: CommentsView,
) -> Result<CommentsSection, WebError> {
    let CommentsView { reply_to, posted, page } = view;
    let l10n = state.catalog.localizer(&target.lang);
    let token_hash = commenter_token(headers).map(|token| hash_token(&token));
    let comments = state.store.public_comments(target.article_id, token_hash.as_deref()).await?;
    let conversation = ashyq_render::comment_pages::conversation(&comments, &target.lang, &l10n);
    // Each part of the conversation (threads started in the page's language, threads started in
    // others) is paged on its own, 50 threads a page: page N shows the N-th page of each (so a
    // cached page holds at most 100 threads).
    let depths = |items: &[CommentItem]| items.iter().map(|item| item.depth).collect::<Vec<_>>();
    let here_bounds = page_bounds(&depths(&conversation.here), THREADS_PER_PAGE);
    let elsewhere_bounds = page_bounds(&depths(&conversation.elsewhere), THREADS_PER_PAGE);
    let pages = here_bounds.len().max(elsewhere_bounds.len());
    // The page each shown comment is on.
    let mut page_of: HashMap<i64, usize> = HashMap::new();
    for (items, bounds) in
        [(&conversation.here, &here_bounds), (&conversation.elsewhere, &elsewhere_bounds)]
    {
        for (index, range) in bounds.iter().enumerate() {
            page_of.extend(items[range.clone()].iter().map(|item| (item.id, index)));
        }
    }
    let index = match page {
        CommentsPage::First => 0,
        CommentsPage::Number(number) if (1..=pages).contains(&number) => number - 1,
        CommentsPage::Number(_) => {
            return Err(WebError::NotFound { ui_lang: ashyq_i18n::ui_language_for(&target.lang) });
        }
        CommentsPage::Containing(id) => page_of.get(&id).copied().unwrap_or(0),
    };
    let article_url = ashyq_render::urls::article(&target.slug);
    let page_address = |index: usize| {
        if index == 0 {
            article_url.clone()
        } else {
            format!("{article_url}?comments={}", index + 1)
        }
    };
    let page_url = |index: usize| format!("{}#comments", page_address(index));
    let paging = CommentPaging {
        page: index + 1,
        pages,
        position: l10n.msg_numbers(
            "comments-page-position",
            &[("page", index as i64 + 1), ("pages", pages as i64)],
            &[],
        ),
        earlier_url: index.checked_sub(1).map(page_url),
        later_url: (index + 1 < pages).then(|| page_url(index + 1)),
    };
    // Each part holds whole threads and a page whole threads of it, so a reply is always on its
    // parent's page, right under it.
    let on_this_page = |items: &[CommentItem], bounds: &[std::ops::Range<usize>]| {
        bounds.get(index).map(|range| items[range.clone()].to_vec()).unwrap_or_default()
    };
    let items = on_this_page(&conversation.here, &here_bounds);
    let elsewhere = on_this_page(&conversation.elsewhere, &elsewhere_bounds);
    let parent_id = form.parent_id.or(reply_to);
    let replying_to = parent_id
        .and_then(|id| {
            comments
                .iter()
                .find(|comment| comment.id.0 == id && comment.status == CommentStatus::Approved)
        })
        .map(|comment| comment.author_name.clone());
    let staff = staff_commenter(state, headers).await?;
    let errors =
        form.errors.iter().map(|(field, id)| ((*field).to_owned(), l10n.msg(id))).collect();
    Ok(CommentsSection {
        approved_count: conversation.approved,
        elsewhere_count: i64::try_from(conversation.elsewhere_approved).unwrap_or(i64::MAX),
        items,
        elsewhere,
        paging,
        csrf: csrf.0.clone(),
        // The answer to a refused comment opens at the form, where its errors are.
        action_url: format!("{}/comments#comment-form", ashyq_render::urls::article(&target.slug)),
        posted,
        staff_name: staff.map(|(_, name)| name),
        form_started: now().to_string(),
        read_only_at: None,
        form: CommentFormView {
            name: form.name,
            email: form.email,
            notify: form.notify,
            body: form.body,
            parent_id: replying_to.as_ref().and(parent_id),
            replying_to,
            errors,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_whole_threads_and_at_least_one_page_exists() {
        assert_eq!(page_bounds(&[], 2), vec![0..0]);
        // Three threads (the second with two replies, one nested), two per page.
        let depths = [0, 0, 1, 2, 0];
        assert_eq!(page_bounds(&depths, 2), vec![0..4, 4..5]);
        assert_eq!(page_bounds(&depths, 1), vec![0..1, 1..4, 4..5]);
        assert_eq!(page_bounds(&depths, 50), vec![0..5]);
        assert_eq!(page_bounds(&depths, 0), vec![0..1, 1..4, 4..5], "zero is taken as one");
    }
}
