import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import type { MapDetailProps } from '../../shared/map/capability';
import { DetailClose } from '../../shared/map/DetailClose';
import { selectAllCameras } from './camerasSlice';

/** A camera clicked on the map: where it is, what kind, whether it answers. */
export function CameraDetail({ selection, onClose }: MapDetailProps) {
  const { t } = useTranslation();
  const camera = useAppSelector((s) =>
    selection?.kind === 'camera' ? selectAllCameras(s).find((c) => c.id === selection.id) : undefined,
  );
  if (!camera) return null;
  return (
    <aside className="map-detail" data-testid="camera-detail" data-camera-id={camera.id}>
      <DetailClose onClose={onClose} />
      <h3>{camera.name}</h3>
      <dl>
        <dt>{t('detail.site')}</dt>
        <dd>{camera.site}</dd>
        <dt>{t('detail.kind')}</dt>
        <dd>{t(`cameraKind.${camera.kind}`)}</dd>
        <dt>{t('detail.state')}</dt>
        <dd>{camera.online ? t('map.online') : t('map.offline')}</dd>
      </dl>
    </aside>
  );
}
