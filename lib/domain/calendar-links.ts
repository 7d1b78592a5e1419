/** The ways to subscribe to an iCalendar feed at `feedUrl` (absolute, http or https). */
export interface SubscribeLinks {
  /** The feed itself, for copying into any app that asks for a URL. */
  url: string;
  /** webcal://: phones and desktop apps offer to subscribe instead of downloading the file once. */
  webcal: string;
  /** Google Calendar's "add by URL", which takes the webcal address as `cid`. */
  google: string;
  /** Outlook on the web's "subscribe from web", which takes the http(s) address and a name. */
  outlook: string;
}

export function subscribeLinks(feedUrl: string, name: string): SubscribeLinks {
  const webcal = feedUrl.replace(/^https?:/, 'webcal:');
  return {
    url: feedUrl,
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(feedUrl)}&name=${encodeURIComponent(name)}`,
  };
}
