// Removes template syntax (Liquid/Jekyll, Hugo shortcodes, Go/Handlebars expressions) and HTML comments.

const LIQUID_COMMENT = /\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g;
const LIQUID_RAW = /\{%-?\s*(?:end)?raw\s*-?%\}/g;
const TAGS = /\{%[\s\S]*?%\}/g;
// Hugo shortcodes `{{< x >}}` and `{{% x %}}`: the tags go, the text between an opening and closing tag stays.
const SHORTCODES = /\{\{[<%][\s\S]*?[>%]\}\}/g;
const EXPRESSIONS = /\{\{[\s\S]*?\}\}/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;

/** Strips template tags and comments, keeping the text between paired tags. */
export function stripTemplates(src: string): string {
  return src
    .replace(HTML_COMMENT, '')
    .replace(SHORTCODES, '')
    .replace(LIQUID_COMMENT, '')
    .replace(LIQUID_RAW, '')
    .replace(TAGS, '')
    .replace(EXPRESSIONS, '');
}
