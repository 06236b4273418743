import { useAppData } from '../../state/app-data.tsx';

/** Says when this tab only views the workspace (another tab owns it), while a save runs, or when saving failed. */
export function WorkspaceBanner() {
  const { readOnly, persistError, saving, takeOver } = useAppData();
  if (!readOnly && !persistError && !saving) return null;
  return (
    <div className="banner" role="status">
      {saving && !readOnly && <span data-testid="saving">Изменения сохраняются в браузере… Не закрывайте вкладку, пока это сообщение не исчезнет. </span>}
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
