// Multi-word terms: every spelling of "sign in" / "log in" becomes one term; other senses of "sign" and "log" stay.
import { describe, expect, it } from 'vitest';
import { joinPhrases } from '../../src/knowledge/phrases.js';
import { contentQuery } from '../../src/knowledge/search.js';

describe('joinPhrases', () => {
  it.each([
    ['How do I sign in to Slack for the first time?', 'How do I login to Slack for the first time?'],
    ['Click `Sign in with @gsa.gov email`.', 'Click `login with @gsa.gov email`.'],
    ["If you're not logged in to Google", "If you're not login to Google"],
    ['Once you are logged into Slack, set up your profile', 'Once you are login Slack, set up your profile'],
    ['Open the Sign-in page, or log-in, or login', 'Open the login page, or login, or login'],
    ['How do I log in?', 'How do I login?'],
    ['sign out of Slack; Logout', 'logout of Slack; logout'],
    ['Sign up for the newsletter', 'signup for the newsletter'],
    ['Okta is our Single Sign-On (SSO) service', 'Okta is our sso (SSO) service'],
  ])('joins %j', (text, joined) => {
    expect(joinPhrases(text)).toBe(joined);
  });

  it.each([
    'Who signs the vendor contract?',
    'Order forms are signed in DocuSign by the CFO',
    'a sign on the door',
    'the log in Jira shows who changed it',
    'keep the audit log in S3.',
    'Please sign the form in blue ink',
  ])('leaves other senses alone: %j', (text) => {
    expect(joinPhrases(text)).toBe(text);
  });

  it('is applied to full-text queries', () => {
    expect(contentQuery('How do I sign in to Slack for the first time?')).toBe('login Slack first time');
  });
});
