"""The canvas: a QGraphicsScene that shows the Document and turns gestures into intents."""
