// The freshness badges' and the resync notice's texts. vi is the default; en holds the same keys.

export const freshnessVi = {
  /** OPC UA's value qualities */
  quality: { good: 'Tốt', uncertain: 'Không chắc', bad: 'Xấu' },
  age: { s: '{{n}} giây', min: '{{n}} phút', h: '{{n}} giờ', d: '{{n}} ngày' },
  /** the badge while fresh: quality and age */
  fresh: '{{quality}} · {{age}}',
  /** past the threshold: the widget dims and says how old its data is */
  stale: '{{quality}} · dữ liệu cũ {{age}}',
  never: '{{quality}} · chưa có dữ liệu',
  /** the badge's tooltip and screen-reader text */
  detail: 'Chất lượng dữ liệu: {{quality}}. Dữ liệu nhận {{age}} trước.',
  detailNever: 'Chất lượng dữ liệu: {{quality}}. Chưa nhận được dữ liệu.',
  resyncSnapshot: 'Đã đồng bộ lại toàn bộ sau {{gap}} gián đoạn',
  resyncReplay: 'Đã kết nối lại sau {{gap}} gián đoạn: đã bù dữ liệu bị lỡ',
};

export const freshnessEn: typeof freshnessVi = {
  quality: { good: 'Good', uncertain: 'Uncertain', bad: 'Bad' },
  age: { s: '{{n}} s', min: '{{n}} min', h: '{{n}} h', d: '{{n}} d' },
  fresh: '{{quality}} · {{age}}',
  stale: '{{quality}} · data {{age}} old',
  never: '{{quality}} · no data yet',
  detail: 'Data quality: {{quality}}. Data received {{age}} ago.',
  detailNever: 'Data quality: {{quality}}. No data received yet.',
  resyncSnapshot: 'Resynchronised in full after a {{gap}} gap',
  resyncReplay: 'Reconnected after a {{gap}} gap: missed data caught up',
};
