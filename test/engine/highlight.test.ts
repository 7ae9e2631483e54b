import { describe, expect, it } from 'vitest';
import {
  cropWords,
  escapeHtml,
  highlight,
  MARK_CLOSE,
  MARK_OPEN,
  stripMarkers,
} from '../../engine/highlight.js';

const marked = (text: string) => text.replaceAll('[', MARK_OPEN).replaceAll(']', MARK_CLOSE);

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;',
    );
  });
});

describe('highlight', () => {
  it('turns markers into mark tags', () => {
    expect(highlight(marked('the [Kremlin] denied'))).toBe('the <mark>Kremlin</mark> denied');
  });

  it('escapes before marking, so text never becomes markup', () => {
    expect(highlight(marked('<b>[<script>]</b> & co'))).toBe(
      '&lt;b&gt;<mark>&lt;script&gt;</mark>&lt;/b&gt; &amp; co',
    );
  });

  it('keeps the tags balanced whatever the markers', () => {
    expect(highlight(marked('a] [b [c'))).toBe('a <mark>b</mark> <mark>c</mark>');
    expect(highlight(marked('[unclosed'))).toBe('<mark>unclosed</mark>');
  });

  it('marks a phrase word by word', () => {
    expect(highlight(marked('said: “[Vote for Trump or else]!”'))).toBe(
      'said: “<mark>Vote</mark> <mark>for</mark> <mark>Trump</mark> <mark>or</mark> <mark>else</mark>!”',
    );
  });

  it('leaves text without markers escaped only', () => {
    expect(highlight('“Vote for Trump or else!”')).toBe('“Vote for Trump or else!”');
  });
});

describe('stripMarkers', () => {
  it('removes marker characters from source text', () => {
    expect(stripMarkers(marked('a[b]c'))).toBe('abc');
  });
});

describe('cropWords', () => {
  it('keeps short text whole', () => {
    expect(cropWords('  one two  three ', 5)).toBe('one two three');
  });

  it('cuts long text with an ellipsis', () => {
    expect(cropWords('one two three four', 2)).toBe('one two…');
  });
});
