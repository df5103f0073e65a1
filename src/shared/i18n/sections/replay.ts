// The replay's texts (the wall's banner and scrubber). vi is the default; en holds the same keys.

export const replayVi = {
  /** the banner while the wall shows the past: "PHÁT LẠI 14:32" */
  banner: 'PHÁT LẠI {{time}}',
  open: 'Phát lại 24 giờ',
  loading: 'Đang tải 24 giờ qua…',
  failed: 'Không tải được dữ liệu phát lại: {{error}}',
  live: 'Về trực tiếp',
  play: 'Phát',
  pause: 'Tạm dừng',
  speed: 'Tốc độ',
  slider: 'Thời điểm phát lại',
  dropped: 'Bỏ qua {{n}} mục lỗi',
  /** the keys, beside the scrubber */
  keys: 'R / Esc: trực tiếp · Space: phát/dừng · ← →: 5 phút (Shift: 1 giờ) · S: tốc độ',
};

export const replayEn: typeof replayVi = {
  banner: 'REPLAY {{time}}',
  open: 'Replay 24 hours',
  loading: 'Loading the last 24 hours…',
  failed: 'Could not load the replay: {{error}}',
  live: 'Back to live',
  play: 'Play',
  pause: 'Pause',
  speed: 'Speed',
  slider: 'Replay time',
  dropped: '{{n}} bad items skipped',
  keys: 'R / Esc: live · Space: play/pause · ← →: 5 min (Shift: 1 h) · S: speed',
};
