ALTER TABLE `outbox` ADD `sealed` text;--> statement-breakpoint
-- One-time codes were stored in clear in the SMS text. Keep the text with a placeholder instead;
-- a code SMS still pending cannot be sent without its code any more, so it fails (its code is
-- past its five minutes, or will be before anyone could use it, and the customer asks again).
UPDATE `outbox`
SET `body` = '【3G客户俱乐部】您的验证码是{code}，5分钟内有效。请勿告诉他人。',
    `status` = CASE WHEN `status` = 'pending' THEN 'failed' ELSE `status` END
WHERE `template` = 'otp' AND `sealed` IS NULL;
