import { useAppData } from '../../state/app-data.tsx';

/** Says when this tab only views the workspace (another tab owns it) or when saving failed. */
export function WorkspaceBanner() {
  const { readOnly, persistError, takeOver } = useAppData();
  if (!readOnly && !persistError) return null;
  return (
    <div className="banner" role="status">
      {readOnly && (
        <>
          Ориентир открыт в другой вкладке: здесь данные только для просмотра, импорт и удаление недоступны.{' '}
          <button type="button" onClick={() => void takeOver()}>
            Работать в этой вкладке
          </button>
        </>
      )}
      {persistError && <span> Не удалось сохранить данные в браузере: {persistError} Данные в этой вкладке по-прежнему доступны; экспортируйте рабочую область, чтобы не потерять их.</span>}
    </div>
  );
}
