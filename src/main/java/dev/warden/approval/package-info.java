/**
 * Human approval gates bound to the exact call: {@link dev.warden.approval.ApprovalGate} turns an
 * "approve" decision into a request bound to a {@link dev.warden.approval.CallDigest digest} of
 * the call, waits (bounded) for the humans the policy names, and answers allow or deny;
 * {@link dev.warden.approval.Notifier} tells people through signed webhooks.
 */
@NullMarked
package dev.warden.approval;

import org.jspecify.annotations.NullMarked;
