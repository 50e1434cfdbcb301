/** Tiny WordprocessingML builders for the document-model tests. */

/** A run: optional w:rPr children, then text (spaces preserved). */
export const r = (text: string, rPr = ''): string =>
  `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;

/** A paragraph: optional w:pPr children, then content (runs etc.; a plain string becomes a run). */
export const p = (content: string, pPr = ''): string =>
  `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${content.startsWith('<') ? content : r(content)}</w:p>`;

/** A paragraph style. */
export const pStyle = (id: string, body: string, extra = ''): string =>
  `<w:style w:type="paragraph" w:styleId="${id}"${extra}><w:name w:val="${id}"/>${body}</w:style>`;

/** A character style. */
export const cStyle = (id: string, body: string): string =>
  `<w:style w:type="character" w:styleId="${id}"><w:name w:val="${id}"/>${body}</w:style>`;

/** docDefaults with the given run and paragraph properties. */
export const docDefaults = (rPr: string, pPr = ''): string =>
  `<w:docDefaults><w:rPrDefault><w:rPr>${rPr}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>${pPr}</w:pPr></w:pPrDefault></w:docDefaults>`;

/** A one-cell-per-string table row. */
export const tr = (...cells: string[]): string => `<w:tr>${cells.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`;

/** A DrawingML text box (in mc:AlternateContent with a VML fallback holding the same text, as Word writes it). */
export const textBoxRun = (text: string, opts: { cx?: number; cy?: number; anchor?: boolean } = {}): string => {
  const cx = opts.cx ?? 1828800;
  const cy = opts.cy ?? 914400;
  const frame = opts.anchor === false ? 'wp:inline' : 'wp:anchor';
  const anchorAttrs =
    opts.anchor === false
      ? ''
      : ' simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"';
  const position =
    opts.anchor === false
      ? ''
      : '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>127000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>254000</wp:posOffset></wp:positionV>';
  const wrap = opts.anchor === false ? '' : '<wp:wrapSquare wrapText="bothSides"/>';
  return (
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>' +
    `<${frame}${anchorAttrs}>${position}<wp:extent cx="${cx}" cy="${cy}"/>${wrap}<wp:docPr id="1" name="Text Box 1"/>` +
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>' +
    `<wps:txbx><w:txbxContent>${p(text)}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></${frame}>` +
    '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="position:absolute;width:144pt;height:72pt">' +
    `<v:textbox><w:txbxContent>${p(text)}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
  );
};
