// The stage's texts: scenes, playlists and the delegation tour. vi is the default; en holds the same keys.

export const stageVi = {
  visitorMode: 'Chế độ khách tham quan',
  consoleClosed: 'Màn hình dành cho khách tham quan: bàn điều hành không mở ở chế độ này.',
  tour: 'Giới thiệu Trung tâm IOC',
  step: 'Cảnh {{n}}/{{total}}',
  paused: 'Tạm dừng',
  keys: '→ tiếp · ← lùi · P tạm dừng · B tắt màn hình · Home từ đầu',
  loading: 'Đang tải kịch bản…',
  badProfile: 'Tệp sân khấu của thành phố không hợp lệ: {{error}}',
  unreachable: 'Không tải được tệp sân khấu của thành phố: {{error}}',
  unknownScene: 'Không có cảnh "{{id}}" trong tệp sân khấu',
  unknownPlaylist: 'Không có danh sách phát "{{id}}" trong tệp sân khấu',
  heldByInput: 'Tạm dừng xoay vòng: có người đang thao tác',
  figure: {
    'cameras.online': 'Camera đang trực tuyến',
    'alerts.lastHour': 'Cảnh báo camera trong giờ qua',
    'incidents.open': 'Phản ánh đang xử lý',
  },
  noValue: 'Chưa có số liệu',
};

export const stageEn: typeof stageVi = {
  visitorMode: 'Visitor mode',
  consoleClosed: "A visitors' screen: the consoles do not open in this mode.",
  tour: 'Introducing the IOC',
  step: 'Scene {{n}} of {{total}}',
  paused: 'Paused',
  keys: '→ next · ← back · P pause · B blank · Home restart',
  loading: 'Loading the script…',
  badProfile: "The city's stage file is not valid: {{error}}",
  unreachable: "The city's stage file could not be loaded: {{error}}",
  unknownScene: 'No scene "{{id}}" in the stage file',
  unknownPlaylist: 'No playlist "{{id}}" in the stage file',
  heldByInput: 'Rotation held: someone is using the wall',
  figure: {
    'cameras.online': 'Cameras online',
    'alerts.lastHour': 'Camera alerts in the last hour',
    'incidents.open': 'Reports being handled',
  },
  noValue: 'No figure yet',
};
