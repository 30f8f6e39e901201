import { useEffect, useState, type MouseEvent } from 'react';
import { reviewDueText } from '../../shared/followup/followup.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useViewNavigation, viewHref } from '../workshop/views.js';
import { fetchReviewDate, localToday } from './followupRequests.js';
import '../styles/reviewDue.css';

/**
 * "Review due on 12 March 2027" where people arrive, once the host has set a review
 * date ("overdue" after it), with the short way to the follow-up.
 */
export function ReviewDueNotice() {
  const { id, secret } = useWorkshop();
  const { go } = useViewNavigation();
  const [reviewDate, setReviewDate] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void fetchReviewDate(id, secret).then((r) => {
      if (live && r.ok) setReviewDate(r.data.reviewDate);
    });
    return () => {
      live = false;
    };
  }, [id, secret]);
  const due = reviewDueText(reviewDate, localToday());
  if (!due) return null;
  const open = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    go('followup', 'followup-heading');
  };
  return (
    <p className={`review-due${due.overdue ? ' review-due--overdue' : ''}`}>
      <strong>{due.text}.</strong>{' '}
      <a href={viewHref('followup')} onClick={open}>
        See the progress of the actions
      </a>
    </p>
  );
}
